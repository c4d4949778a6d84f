/** Text from messages goes into both databases: PostgreSQL refuses NUL in text, so drop it. */
export function dbText<T extends string | null>(value: T): T {
  return (value === null ? null : value.replace(/\0/g, '')) as T;
}
