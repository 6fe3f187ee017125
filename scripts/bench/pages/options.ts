/** Command-line options of `npm run bench:pages`. */

export interface BenchOptions {
  /** Database of our app: PostgreSQL (fresh database lr_bench_<ts>) or the embedded PGlite. */
  db: 'pg' | 'pglite';
  /** PostgreSQL server URL (any database on it); the bench creates and drops its own database there. */
  pgUrl: string;
  /** Seconds per measured run. */
  duration: number;
  connections: number;
  /** Seconds of unmeasured load on each target before its first measured run (0: none). */
  warmup: number;
  /** Rebuild the bare app and our app even when their builds look current. */
  build: boolean;
  /** Start our server under `node --cpu-prof` and print the top self-time functions afterwards. */
  cpuProf: boolean;
  /** Only the pages with these keys (their bare counterpart is always measured). */
  only: string[];
  port: number;
  barePort: number;
  /** Keep the benchmark database (and the embedded data folder) instead of dropping it. */
  keepDb: boolean;
  /** Only aggregate the .cpuprofile files of this folder and exit. */
  aggregateProf: string | null;
}

export const USAGE = `用法：npm run bench:pages -- [选项]

  --db pg|pglite        本应用使用的数据库：PostgreSQL（默认，新建库 lr_bench_<时间>）或内嵌 PGlite
  --pg-url URL          PostgreSQL 服务地址（默认 $BENCH_PG_URL 或 postgres://postgres@127.0.0.1:5432/postgres）
  --duration S          每轮测量秒数（默认 10）
  --connections N       并发连接数（默认 10）
  --warmup S            每个页面第一次测量前的预热秒数（默认 1，0 为不预热）
  --build               即使已有构建，也重新构建空白应用和本应用
  --cpu-prof            以 node --cpu-prof 启动本应用，结束后列出自身耗时最多的 25 个函数
  --only a,b            只测这些页面（键名）：shell parcels projects plans ledger users audit
                        workbench funds bond project tile；对照的空白页面 / 空白 /tile 总是随之测量
  --port N              本应用端口（默认 3360）
  --bare-port N         空白应用端口（默认 3361）
  --keep-db             保留测量用的数据库（或内嵌数据目录）
  --aggregate-prof DIR  只汇总 DIR 中的 .cpuprofile 文件并退出
`;

export function parseOptions(argv: string[]): BenchOptions {
  const o: BenchOptions = {
    db: 'pg',
    pgUrl: process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    duration: 10,
    connections: 10,
    warmup: 1,
    build: false,
    cpuProf: false,
    only: [],
    port: 3360,
    barePort: 3361,
    keepDb: false,
    aggregateProf: null,
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const value = (): string => {
      const v = argv[++k];
      if (v === undefined || v.startsWith('--')) throw new Error(`参数 ${a} 缺少取值`);
      return v;
    };
    const number = (min: number): number => {
      const v = Number(value());
      if (!Number.isFinite(v) || v < min) throw new Error(`参数 ${a} 应为不小于 ${min} 的数`);
      return v;
    };
    if (a === '--db') {
      const v = value();
      if (v !== 'pg' && v !== 'pglite') throw new Error('--db 只能是 pg 或 pglite');
      o.db = v;
    } else if (a === '--pg-url') o.pgUrl = value();
    else if (a === '--duration') o.duration = number(1);
    else if (a === '--connections') o.connections = Math.floor(number(1));
    else if (a === '--warmup') o.warmup = number(0);
    else if (a === '--build') o.build = true;
    else if (a === '--cpu-prof') o.cpuProf = true;
    else if (a === '--only') o.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--port') o.port = Math.floor(number(1));
    else if (a === '--bare-port') o.barePort = Math.floor(number(1));
    else if (a === '--keep-db') o.keepDb = true;
    else if (a === '--aggregate-prof') o.aggregateProf = value();
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`未知参数：${a}\n\n${USAGE}`);
  }
  if (o.port === o.barePort) throw new Error('--port 与 --bare-port 不能相同');
  return o;
}
