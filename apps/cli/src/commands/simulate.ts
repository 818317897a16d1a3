// `patron simulate`: a program file over an orders file, replayed in date order with the daily jobs.
import { parseArgs } from "node:util";
import { type CompiledProgram, ReplayError, type ReplayResult, replay } from "@patron/engine";
import { CsvInputError, readCompanies, readOrders } from "@patron/server/csv";
import cliProgress from "cli-progress";
import { CliError, loadProgram } from "./load.ts";

const USAGE =
  "usage: patron simulate --program P.yaml [--program P2.yaml…] --orders O.csv[.gz] [--companies C.csv] [--as-of YYYY-MM-DD] [--json]";

export async function simulateCommand(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const v = args.values;
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!v.program?.length || !v.orders) {
    process.stderr.write(`patron simulate: --program and --orders are required\n${USAGE}\n`);
    return 2;
  }
  try {
    const programs: CompiledProgram[] = [];
    for (const file of v.program) programs.push(await loadProgram(file));
    const first = programs[0] as CompiledProgram;
    for (const p of programs) {
      if (p.currency !== first.currency)
        throw new CliError(`program versions disagree on currency (${first.currency}, ${p.currency})`);
    }
    const bar = process.stderr.isTTY
      ? new cliProgress.SingleBar(
          { format: " {task} [{bar}] {percentage}% {value}/{total}" },
          cliProgress.Presets.shades_classic,
        )
      : null;
    bar?.start(100, 0, { task: "reading" });
    const rows = await readOrders(v.orders, {
      minorDigits: first.digits,
      onProgress: (done, total) => bar?.update(Math.floor((done / Math.max(1, total)) * 100)),
    });
    const companies = v.companies ? await readCompanies(v.companies) : [];
    bar?.setTotal(1);
    bar?.update(0, { task: "replaying" });
    let result: ReplayResult;
    try {
      result = replay(programs, rows, companies, {
        ...(v["as-of"] !== undefined ? { asOf: v["as-of"] } : {}),
        onProgress: (done, total) => {
          bar?.setTotal(total);
          bar?.update(done);
        },
      });
    } finally {
      bar?.stop();
    }
    if (v.json) process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
    else process.stdout.write(summary(result, first));
    return 0;
  } catch (e) {
    if (e instanceof ReplayError) {
      const where = e.line > 0 ? `${v.orders} line ${e.line}, field ${e.field}` : `--${e.field}`;
      process.stderr.write(`patron simulate: ${where}: ${e.message}\n`);
      return 1;
    }
    if (e instanceof CsvInputError || e instanceof CliError) {
      process.stderr.write(`patron simulate: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      program: { type: "string", multiple: true },
      orders: { type: "string" },
      companies: { type: "string" },
      "as-of": { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
}

function summary(r: ReplayResult, p: CompiledProgram): string {
  const t = r.totals;
  const out: string[] = [];
  out.push(`${p.def.name} (${p.id} v${p.version}), replayed to ${r.asOf}`);
  out.push("");
  const rows: [string, string][] = [
    ["orders", String(t.orders)],
    ["returns", String(t.returns)],
    [`gross, ${p.currency}`, t.gross],
    [`discounts, ${p.currency}`, t.discount],
    [`net, ${p.currency}`, t.net],
    [`refunded, ${p.currency}`, t.refund],
    ["points earned", String(t.earned)],
    ["points redeemed", String(t.redeemed)],
    ["points refunded", String(t.refunded)],
    ["points expired", String(t.expired)],
    ["points reversed", String(t.reversed)],
    ["points available", String(t.balance)],
    ["points pending", String(t.pending)],
    [`liability, ${p.currency}`, t.liability],
  ];
  const w = Math.max(...rows.map((x) => x[0].length));
  for (const [k, val] of rows) out.push(`  ${k.padEnd(w)}  ${val.padStart(16)}`);
  const tiers = new Map<string, number>();
  for (const m of r.members) if (m.tier !== null) tiers.set(m.tier, (tiers.get(m.tier) ?? 0) + 1);
  if (tiers.size > 0) {
    out.push("", "  members by tier");
    for (const l of p.tiers?.levels ?? [])
      out.push(`  ${l.id.padEnd(w)}  ${String(tiers.get(l.id) ?? 0).padStart(16)}`);
  }
  const top = [...r.members].sort((a, b) => b.earned - a.earned).slice(0, 10);
  if (top.length > 0 && top[0]?.earned) {
    out.push(
      "",
      "  top members by points earned",
      `  ${"company".padEnd(14)} ${"tier".padEnd(10)} ${"earned".padStart(10)} ${"balance".padStart(10)}`,
    );
    for (const m of top) {
      out.push(
        `  ${m.companyId.padEnd(14)} ${(m.tier ?? "-").padEnd(10)} ${String(m.earned).padStart(10)} ${String(m.balance).padStart(10)}`,
      );
    }
  }
  for (const c of r.campaigns) {
    out.push("", `  campaign ${c.id} (${c.from} … ${c.to})${c.closed ? ", closed" : ""}`);
    for (const row of c.leaderboard.slice(0, 10)) {
      out.push(
        `  ${String(row.rank).padStart(3)}. ${row.participant.padEnd(16)} ${String(row.points).padStart(8)} / ${row.target}${row.prizes.length ? `  ${row.prizes.join(", ")}` : ""}`,
      );
    }
  }
  out.push("", "  --json prints every order, return, journal entry and member.", "");
  return out.join("\n");
}
