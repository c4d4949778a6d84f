// bench/sieve: a 100-rule Sieve script over 10,000 varied messages on one core, with the compiled
// script cached (issue 5 target: ≥ 5,000 executions per second), beside Pigeonhole on the same
// script and messages: sieve-filter (one process filtering a whole maildir: the interpreter's own
// speed) and sieve-test (a process per message, as a command line user sees it; run on a sample
// and extrapolated). The actions of both engines are compared message by message.
// Run after `npm run build`:
//   node bench/sieve.mjs [--messages 10000] [--rules 100] [--seed 1] [--sample 300] [--only mailcove|pigeonhole] [--json]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIRST, WORDS, mulberry32 } from './lib/corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? def : process.argv[i + 1];
};
const N = Number(arg('messages', 10000));
const RULES = Number(arg('rules', 100));
const SAMPLE = Number(arg('sample', 300));
const ONLY = arg('only', 'both');
const JSON_OUT = process.argv.includes('--json');
const dist = path.resolve(root, arg('dist', 'dist'));
const rng = mulberry32(Number(arg('seed', 1)));
const log = (...a) => console.error(...a);

const { compile, run, sieveMessage } = await import(path.join(dist, 'src/sieve/index.js'));
const { parseMessage } = await import(path.join(dist, 'src/mime/index.js'));

const pick = (xs) => xs[Math.floor(rng() * xs.length)];
const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

// ---- the messages ---------------------------------------------------------------------------

const DOMAINS = Array.from({ length: 40 }, (_, i) => `${pick(['mail', 'corp', 'shop', 'news', 'dev', 'bank', 'social'])}${i}.example`);
const LISTS = ['dev.lists.example.org', 'announce.example.com', 'users.project.example', 'ops.example.net'];
function makeMessage(i) {
  const name = pick(FIRST);
  const domain = pick(DOMAINS);
  const h = [
    `Return-Path: <${name.toLowerCase()}@${domain}>`,
    `Received: from mx${i % 7}.${domain} by mx.mailcove.example; Thu, 26 Nov 2026 10:${String(i % 60).padStart(2, '0')}:00 +0000`,
    `Date: Thu, 26 Nov 2026 10:${String(i % 60).padStart(2, '0')}:00 +0${i % 10}00`,
    `From: ${name} <${name.toLowerCase()}@${domain}>`,
    `To: ${pick(FIRST).toLowerCase()}@mailcove.example${rng() < 0.3 ? `, team@mailcove.example` : ''}`,
    ...(rng() < 0.3 ? [`Cc: ${pick(FIRST)} <${pick(FIRST).toLowerCase()}@${pick(DOMAINS)}>`] : []),
    `Subject: ${rng() < 0.2 ? `[${pick(['dev', 'ops', 'news'])}] ` : ''}${rng() < 0.2 ? 'Re: ' : ''}${words(3 + Math.floor(rng() * 6))}`,
    `Message-ID: <bench-${i}@${domain}>`,
    ...(rng() < 0.2 ? [`List-Id: <${pick(LISTS)}>`, 'Precedence: list'] : []),
    ...(rng() < 0.5 ? [`X-Spam-Score: ${(rng() * 10).toFixed(1)}`] : []),
    ...(rng() < 0.1 ? ['X-Priority: 1'] : []),
    'MIME-Version: 1.0',
  ];
  const text = Array.from({ length: 5 + Math.floor(rng() * 120) }, () => words(12)).join('\r\n');
  if (rng() < 0.6) return Buffer.from(`${h.join('\r\n')}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`);
  const b = `b${i}`;
  return Buffer.from(
    `${h.join('\r\n')}\r\nContent-Type: multipart/alternative; boundary="${b}"\r\n\r\n--${b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n` +
      `--${b}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>${text.replace(/\r\n/g, '</p><p>')}</p></body></html>\r\n--${b}--\r\n`,
  );
}

// ---- the script -----------------------------------------------------------------------------

function makeScript(rules) {
  const out = ['require ["fileinto", "imap4flags", "variables", "regex", "body", "relational", "comparator-i;ascii-numeric", "copy"];'];
  const w = () => pick(WORDS.filter((x) => x.length > 4));
  for (let i = 0; i < rules; i++) {
    switch (i % 10) {
      case 0: out.push(`if address :domain :is "from" "${pick(DOMAINS)}" { fileinto "Senders/d${i}"; }`); break;
      case 1: out.push(`if header :contains "subject" ["${w()}", "${w()}"] { addflag "$topic${i}"; }`); break;
      case 2: out.push(`if header :is "list-id" "<${pick(LISTS)}>" { fileinto "Lists/l${i}"; }`); break;
      case 3: out.push(`if anyof (address :is "from" "${pick(FIRST).toLowerCase()}@${pick(DOMAINS)}", header :contains "cc" "${pick(FIRST)}") { fileinto :copy "People/p${i}"; }`); break;
      case 4: out.push(`if header :matches "subject" "[*] *" { set "tag" "\${1}"; }`); break;
      case 5: out.push(`if header :regex "subject" "^(re|fwd?): .*${w()}" { addflag "\\\\Answered"; }`); break;
      case 6: out.push(`if header :value "ge" :comparator "i;ascii-numeric" "x-spam-score" "${5 + (i % 5)}" { fileinto "Junk"; }`); break;
      case 7: out.push(`if allof (exists "x-priority", header :is "x-priority" "1") { addflag "\\\\Flagged"; }`); break;
      case 8: out.push(i % 30 === 8 ? `if body :text :contains "${w()} ${w()}" { fileinto "Body/b${i}"; }` : `if size :over ${20 + i}K { fileinto "Big"; }`); break;
      case 9: out.push(`if address :localpart :is "to" "${pick(FIRST).toLowerCase()}" { fileinto "To/t${i}"; }`); break;
    }
  }
  out.push('if string :is "${tag}" "dev" { fileinto "Lists/dev-tagged"; }');
  return out.join('\n') + '\n';
}

log(`generating ${N} messages and a ${RULES}-rule script…`);
const messages = Array.from({ length: N }, (_, i) => makeMessage(i));
const scriptText = makeScript(RULES);
const compiled = compile(scriptText);
if (compiled.errors) throw new Error(compiled.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
const script = compiled.script;
const totalBytes = messages.reduce((s, m) => s + m.length, 0);

/** Canonical actions per message, comparable with Pigeonhole's output. */
function canonOurs(actions) {
  const out = [];
  for (const a of actions) {
    const flags = a.flags && a.flags.length ? ` ${a.flags.map((f) => f.toLowerCase()).sort().join(',')}` : '';
    if (a.type === 'fileinto') out.push(`store ${a.folder}${flags}`);
    else if (a.type === 'keep') out.push(`store INBOX${flags}`);
    else if (a.type === 'redirect' || a.type === 'discard' || a.type === 'reject') out.push(a.type);
  }
  return out.sort().join(' | ');
}

const results = { machine: {}, workload: {}, mailcove: null, pigeonhole: null };
results.machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown CPU',
  cores: os.cpus().length,
  memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
  kernel: os.release(),
  node: process.version,
  load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
};
results.workload = { messages: N, rules: RULES, averageBytes: Math.round(totalBytes / N), scriptBytes: scriptText.length };

// ---- ours -----------------------------------------------------------------------------------

const ours = new Map();
if (ONLY !== 'pigeonhole') {
  log('parsing…');
  const parsed = messages.map((m) => parseMessage(m));
  const envelope = (i) => ({ from: `sender${i}@example.org`, to: 'bob@mailcove.example' });
  const env = {};
  // Warm-up: let V8 optimise the interpreter.
  for (let i = 0; i < Math.min(N, 2000); i++) run(script, sieveMessage(messages[i], envelope(i), parsed[i]), env);
  const rounds = [];
  for (let r = 0; r < 3; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) {
      const res = run(script, sieveMessage(messages[i], envelope(i), parsed[i]), env);
      if (r === 0) ours.set(`<bench-${i}@`, canonOurs(res.actions));
    }
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    rounds.push({ wall, cpu: (cpu.user + cpu.system) / 1e6 });
  }
  const best = rounds.reduce((a, b) => (a.wall < b.wall ? a : b));
  // With parsing: what a pipeline without a parsed message would pay.
  const t1 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) run(script, sieveMessage(messages[i], envelope(i)), env);
  const withParse = Number(process.hrtime.bigint() - t1) / 1e9;
  results.mailcove = {
    execPerSec: Math.round(N / best.wall),
    cpuExecPerSec: Math.round(N / best.cpu),
    meanMicros: Number(((best.wall / N) * 1e6).toFixed(1)),
    rounds: rounds.map((r) => Math.round(N / r.wall)),
    execPerSecIncludingMimeParse: Math.round(N / withParse),
  };
}

// ---- Pigeonhole -----------------------------------------------------------------------------

function which(p) {
  return ['/usr/bin/', '/usr/local/bin/'].map((d) => d + p).find((f) => fs.existsSync(f)) ?? null;
}

if (ONLY !== 'mailcove' && which('sieve-filter')) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mailcove-bench-sieve-'));
  try {
    const root0 = process.getuid?.() === 0;
    const uid = root0 ? Number(execFileSync('id', ['-u', 'nobody']).toString()) : process.getuid();
    const gid = root0 ? Number(execFileSync('id', ['-g', 'nobody']).toString()) : process.getgid();
    const mail = path.join(tmp, 'mail');
    for (const d of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(mail, d), { recursive: true });
    messages.forEach((m, i) => fs.writeFileSync(path.join(mail, 'cur', `${1_700_000_000 + i}.M${i}P1.bench,S=${m.length}:2,`), m));
    const conf = path.join(tmp, 'dovecot.conf');
    fs.writeFileSync(conf, [`mail_uid = ${uid}`, `mail_gid = ${gid}`, `first_valid_uid = ${Math.min(uid, 500)}`, `first_valid_gid = ${Math.min(gid, 500)}`,
      `base_dir = ${tmp}/run`, `state_dir = ${tmp}/state`, 'log_path = /dev/stderr', `mail_location = maildir:${mail}`, ''].join('\n'));
    fs.writeFileSync(path.join(tmp, 'bench.sieve'), scriptText);
    fs.writeFileSync(path.join(tmp, 'keep.sieve'), 'keep;\n');
    for (const m of ['msg.eml']) fs.writeFileSync(path.join(tmp, m), messages[0]);
    if (root0) execFileSync('chown', ['-R', `${uid}:${gid}`, tmp]);
    const version = spawnSync('dovecot', ['--version'], { encoding: 'utf8' }).stdout?.trim() || 'unknown';

    // sieve-filter: compile once, filter every message of the maildir, print what it would do.
    log('Pigeonhole sieve-filter over the maildir (its index is built first, untimed)…');
    spawnSync(which('sieve-filter'), ['-c', conf, path.join(tmp, 'keep.sieve'), 'INBOX'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const runs = [];
    let output = '';
    for (let r = 0; r < 3; r++) {
      const t0 = process.hrtime.bigint();
      const p = spawnSync(which('sieve-filter'), ['-c', conf, path.join(tmp, 'bench.sieve'), 'INBOX'], { encoding: 'utf8', maxBuffer: 1 << 30 });
      runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
      if (p.status !== 0) throw new Error(`sieve-filter failed: ${p.stderr}`);
      output = p.stdout;
    }
    // The same with `keep;`: the cost of reading and printing that is not the script's.
    const t0 = process.hrtime.bigint();
    spawnSync(which('sieve-filter'), ['-c', conf, path.join(tmp, 'keep.sieve'), 'INBOX'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const keepWall = Number(process.hrtime.bigint() - t0) / 1e9;
    const best = Math.min(...runs);

    // Compare actions message by message.
    let agree = 0;
    let compared = 0;
    const disagreements = [];
    for (const block of output.split('>> Filtering message:').slice(1)) {
      const id = /ID:\s+(<bench-\d+@)/.exec(block)?.[1];
      if (!id || !ours.has(id)) continue;
      const acts = [];
      let sect = '';
      let cur = null;
      for (const line of block.split('\n')) {
        if (line.startsWith('Performed actions')) sect = 'p';
        else if (line.startsWith('Implicit keep')) sect = 'i';
        const m = /^ \* (.*)$/.exec(line);
        if (m) {
          if (cur) acts.push(cur);
          cur = null;
          const s = /^store message in folder: (.*)$/.exec(m[1]);
          if (s) cur = { line: `store ${s[1]}`, flags: '' };
          else if (/^redirect/.test(m[1])) cur = { line: 'redirect', flags: '' };
          else if (m[1] === 'discard' || /^reject/.test(m[1])) cur = { line: m[1].split(' ')[0], flags: '' };
        }
        const f = /^\s+\+ add IMAP flags: (.*)$/.exec(line);
        if (f && cur) cur.flags = ' ' + f[1].trim().split(/\s+/).map((x) => x.toLowerCase()).sort().join(',');
      }
      if (cur) acts.push(cur);
      const theirs = acts.map((a) => a.line + a.flags).sort().join(' | ');
      compared++;
      if (theirs === ours.get(id)) agree++;
      else if (disagreements.length < 3) disagreements.push({ id, ours: ours.get(id), pigeonhole: theirs });
    }

    // sieve-test: a process per message, on a sample.
    log(`Pigeonhole sieve-test on a sample of ${SAMPLE} messages…`);
    const sample = Math.min(SAMPLE, N);
    const paths = [];
    for (let i = 0; i < sample; i++) {
      const p = path.join(tmp, `s${i}.eml`);
      fs.writeFileSync(p, messages[i]);
      if (root0) fs.chownSync(p, uid, gid);
      paths.push(p);
    }
    const st = which('sieve-test');
    const runTest = (scriptFile) => {
      const t = process.hrtime.bigint();
      for (const p of paths) spawnSync(st, ['-c', conf, '-a', 'bob@mailcove.example', scriptFile, p], { encoding: 'utf8' });
      return Number(process.hrtime.bigint() - t) / 1e9;
    };
    runTest(path.join(tmp, 'bench.sieve'));
    const stWall = runTest(path.join(tmp, 'bench.sieve'));
    const stKeep = runTest(path.join(tmp, 'keep.sieve'));
    results.pigeonhole = {
      version,
      sieveFilter: {
        execPerSec: Math.round(N / best),
        seconds: Number(best.toFixed(2)),
        keepOnlySeconds: Number(keepWall.toFixed(2)),
        scriptOnlyExecPerSec: best > keepWall ? Math.round(N / (best - keepWall)) : null,
        rounds: runs.map((r) => Math.round(N / r)),
      },
      sieveTest: {
        sample,
        execPerSec: Math.round(sample / stWall),
        extrapolatedSecondsFor10000: Number(((stWall / sample) * N).toFixed(1)),
        keepOnlyExecPerSec: Math.round(sample / stKeep),
      },
      agreement: { compared, agree, disagreements },
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---- report ---------------------------------------------------------------------------------

if (JSON_OUT) {
  console.log(JSON.stringify(results, null, 2));
} else {
  const m = results.machine;
  console.log(`machine   ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, kernel ${m.kernel}, Node ${m.node}, load ${m.load}`);
  console.log(`workload  ${N} messages (avg ${results.workload.averageBytes} bytes, 40 % multipart/alternative), ${RULES}-rule script (${results.workload.scriptBytes} bytes), compiled once, one core`);
  if (results.mailcove) {
    const r = results.mailcove;
    console.log(`mailcove  ${r.execPerSec} executions/s (mean ${r.meanMicros} µs; rounds ${r.rounds.join(', ')}; ${r.cpuExecPerSec}/s of CPU time) — target ≥ 5000: ${r.execPerSec >= 5000 ? 'met' : 'NOT met'}`);
    console.log(`          ${r.execPerSecIncludingMimeParse} executions/s when the MIME parse is counted too`);
  }
  if (results.pigeonhole) {
    const p = results.pigeonhole;
    console.log(`pigeonhole ${p.version}`);
    console.log(`  sieve-filter (one process, whole maildir): ${p.sieveFilter.execPerSec} messages/s (${p.sieveFilter.seconds} s; rounds ${p.sieveFilter.rounds.join(', ')}); with "keep;" ${p.sieveFilter.keepOnlySeconds} s` +
      (p.sieveFilter.scriptOnlyExecPerSec ? `, so the script alone ≈ ${p.sieveFilter.scriptOnlyExecPerSec}/s` : ''));
    console.log(`  sieve-test (a process per message, ${p.sieveTest.sample}-message sample): ${p.sieveTest.execPerSec} messages/s, ≈ ${p.sieveTest.extrapolatedSecondsFor10000} s for ${N} (extrapolated); "keep;" ${p.sieveTest.keepOnlyExecPerSec}/s`);
    if (results.mailcove) {
      console.log(`  ratio     mailcove / sieve-filter ${(results.mailcove.execPerSec / p.sieveFilter.execPerSec).toFixed(2)}x, mailcove / sieve-test ${(results.mailcove.execPerSec / p.sieveTest.execPerSec).toFixed(1)}x`);
      console.log(`  actions   agree on ${p.agreement.agree} of ${p.agreement.compared} messages${p.agreement.disagreements.length ? ` (first differences: ${JSON.stringify(p.agreement.disagreements)})` : ''}`);
    }
  } else if (ONLY !== 'mailcove') {
    console.log('pigeonhole not measured: sieve-filter/sieve-test not installed (Debian package dovecot-sieve)');
  }
}
