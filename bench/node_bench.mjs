// The benchmark workloads of demos/bench.c in Node's own idioms: promises,
// setImmediate, setTimeout. Prints one JSON line.
//   node node_bench.mjs WORKLOAD N
const [workload, nText] = process.argv.slice(2);
const n = Number(nText);
const now = () => performance.now() / 1e3;
const immediate = () => new Promise((resolve) => setImmediate(resolve));

const workloads = {
  async spawn() {
    const t0 = now();
    const noop = async () => {};
    const all = [];
    for (let i = 0; i < n; i++) all.push(noop());
    await Promise.all(all);
    const dt = now() - t0;
    return { seconds: dt, per_second: n / dt };
  },
  async switch() {
    const per = Math.floor(n / 2);
    const pinger = async () => { for (let i = 0; i < per; i++) await immediate(); };
    const t0 = now();
    await Promise.all([pinger(), pinger()]);
    const dt = now() - t0;
    return { seconds: dt, per_second: (per * 2) / dt };
  },
  async timers() {
    let seed = 1;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const late = [];
    const sleeper = async (delay) => {
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, delay * 1000));
      late.push(performance.now() - start - delay * 1000);
    };
    const t0 = now();
    const all = [];
    for (let i = 0; i < n; i++) all.push(sleeper(random() * 0.5));
    await Promise.all(all);
    const dt = now() - t0;
    late.sort((a, b) => a - b);
    return { seconds: dt, p50_ms: late[n >> 1], p99_ms: late[Math.floor((n * 99) / 100)] };
  },
  async memory() {
    global.gc?.();
    const m0 = process.memoryUsage().rss;
    let release;
    const gate = new Promise((resolve) => { release = resolve; });
    const all = [];
    for (let i = 0; i < n; i++) all.push((async () => { await gate; })());
    await immediate();
    const m1 = process.memoryUsage().rss;
    release();
    await Promise.all(all);
    return { bytes_per_task: (m1 - m0) / n };
  },
  async queue() {
    // a bounded queue of promises, the usual hand-written kind
    const items = [];
    const getters = [];
    const putters = [];
    const put = async (v) => {
      while (items.length >= 100) await new Promise((r) => putters.push(r));
      items.push(v);
      getters.shift()?.();
    };
    const get = async () => {
      while (items.length === 0) await new Promise((r) => getters.push(r));
      const v = items.shift();
      putters.shift()?.();
      return v;
    };
    let total = 0;
    const t0 = now();
    await Promise.all([
      (async () => { for (let i = 0; i < n; i++) await put(i); })(),
      (async () => { for (let i = 0; i < n; i++) total += await get(); })(),
    ]);
    const dt = now() - t0;
    if (total !== (n * (n - 1)) / 2) throw new Error('lost items');
    return { seconds: dt, per_second: n / dt };
  },
  async lock() {
    let locked = false;
    const waiters = [];
    const acquire = async () => {
      if (!locked) { locked = true; return; }
      await new Promise((r) => waiters.push(r)); // handed over
    };
    const release = () => { const next = waiters.shift(); if (next) next(); else locked = false; };
    let taken = 0;
    const locker = async () => {
      while (taken < n) {
        await acquire();
        taken++;
        release();
        await immediate();
      }
    };
    const t0 = now();
    await Promise.all(Array.from({ length: 100 }, locker));
    const dt = now() - t0;
    return { seconds: dt, per_second: taken / dt };
  },
};

const result = await workloads[workload]();
console.log(JSON.stringify({ workload, n, ...result }));
