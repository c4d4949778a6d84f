declare module 'mx-connect' {
  import type { Socket } from 'node:net';
  export interface MxConnection { socket: Socket; hostname: string; host: string; port: number }
  export default function mxConnect(options: Record<string, unknown>): Promise<MxConnection>;
}
