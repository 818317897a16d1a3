// `patron economics`: what discounts, bonuses and tier designs take out of the profit on a sale, side by side.
import { parseArgs } from "node:util";
import {
  type DesignReport,
  EconomicsError,
  type EconomicsReport,
  economics,
  parsePriceMinor,
} from "@patron/engine";

const USAGE = `Usage: patron economics --price <amount> (--margin <share> | --markup <share>)
         [--discount <rate>]... [--bonus <rate>]... [--tiers <share:rate,...>]...
         [--breakage <share>] [--json]

  --price      price of one sale, in currency units (9000 or 9000.50)
  --margin     profit as a share of the price
  --markup     profit as a share of the cost (margin = markup / (1 + markup))
  --discount   a discount rate to price; repeat to compare several
  --bonus      a bonus rate, earned on one purchase and spent on the next; repeatable
  --tiers      a tier design: share of sales:rate per tier, e.g. "60%:1%,30%:2%,10%:3%"; repeatable
  --breakage   share of bonus points never spent (default 0%)
  --json       print one JSON document instead of the table

Shares and rates are written 30%, 0.3 or 3/10.
Example: patron economics --price 9000 --margin 30% --discount 5% --bonus 5% --breakage 10%
`;

const OPTIONS = {
  price: { type: "string" },
  margin: { type: "string" },
  markup: { type: "string" },
  discount: { type: "string", multiple: true },
  bonus: { type: "string", multiple: true },
  tiers: { type: "string", multiple: true },
  breakage: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const SINGLE_OPTIONS = ["price", "margin", "markup", "breakage"] as const;

// The engine names input fields; the user typed options.
const OPTION_OF_FIELD: Record<string, string> = {
  price: "--price",
  priceMinor: "--price",
  margin: "--margin",
  markup: "--markup",
  breakage: "--breakage",
  discounts: "--discount",
  bonuses: "--bonus",
  tiers: "--tiers",
  designs: "--discount, --bonus or --tiers",
};

/** Runs `patron economics` with the arguments after the command name; returns the exit code. */
export async function economicsCommand(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    return usageError(e instanceof Error ? e.message : String(e));
  }
  const { values, tokens } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const repeated = SINGLE_OPTIONS.find(
    (name) => tokens.filter((t) => t.kind === "option" && t.name === name).length > 1,
  );
  if (repeated) return usageError(`--${repeated} is given more than once`);
  if (values.price === undefined) return usageError("--price is required");
  if (values.margin !== undefined && values.markup !== undefined) {
    return usageError("--margin and --markup: give one of them, not both");
  }
  if (values.margin === undefined && values.markup === undefined) {
    return usageError("--margin or --markup is required");
  }
  let report: EconomicsReport;
  try {
    report = economics({
      priceMinor: parsePriceMinor(values.price),
      margin: values.margin,
      markup: values.markup,
      discounts: values.discount,
      bonuses: values.bonus,
      tiers: values.tiers,
      breakage: values.breakage,
    });
  } catch (e) {
    if (e instanceof EconomicsError) return usageError(`${optionOf(e.field)}: ${e.reason}`);
    throw e;
  }
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false, tokens: true });
}

function usageError(message: string): number {
  process.stderr.write(`patron economics: ${message}\nRun "patron economics --help" for usage.\n`);
  return 2;
}

function optionOf(field: string): string {
  const root = /^[A-Za-z]+/.exec(field)?.[0] ?? field;
  return OPTION_OF_FIELD[root] ?? field;
}

interface Column {
  title: string;
  align: "left" | "right";
  cell: (d: DesignReport) => string;
}

const COLUMNS: Column[] = [
  { title: "design", align: "left", cell: (d) => d.label },
  { title: "paid as", align: "left", cell: (d) => d.paidAs },
  { title: "rate", align: "right", cell: (d) => `${d.ratePercent}%` },
  { title: "cost per sale", align: "right", cell: (d) => d.costPerSale },
  { title: "profit after", align: "right", cell: (d) => d.profitPerSaleAfter },
  { title: "share of profit", align: "right", cell: (d) => `${d.shareOfProfitPercent}%` },
  {
    title: "break-even growth",
    align: "right",
    cell: (d) => (d.breakEvenGrowthPercent === null ? "none" : `${d.breakEvenGrowthPercent}%`),
  },
  { title: "long run", align: "right", cell: (d) => `${d.longRunShareOfProfitPercent}%` },
];

/** The report as a table for a person: one line per design, then what the columns mean and the article's notes. */
export function renderReport(report: EconomicsReport): string {
  const markup = report.markupPercent === null ? "" : ` (markup ${report.markupPercent}%)`;
  const lines = [
    `Price ${report.price}, margin ${report.marginPercent}%${markup}, breakage ${report.breakagePercent}%: ` +
      `profit per sale ${report.profitPerSale}`,
    "",
    ...table(report.designs),
    "",
    "Cost per sale: a bonus is earned on one purchase and spent on the next, so its cost is spread over both.",
    "Share of profit: cost per sale / profit per sale. Break-even growth: more sales needed to keep the same",
    'total profit ("none": the design eats the whole profit). Long run: share of profit when every purchase',
    "earns and every bonus is spent later, rate × (1 − breakage) / margin.",
    `Rounded half up: percents to ${report.rounding.percentDecimals} decimal, money to ${report.rounding.moneyDecimals}.`,
  ];
  const notes = report.designs.flatMap((d) => d.articleNotes.map((n) => `  ${d.label}: ${n.note}`));
  if (notes.length > 0) lines.push("", "Where the source article's arithmetic differs:", ...notes);
  return `${lines.join("\n")}\n`;
}

function table(designs: readonly DesignReport[]): string[] {
  const rows = [COLUMNS.map((c) => c.title), ...designs.map((d) => COLUMNS.map((c) => c.cell(d)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) =>
    COLUMNS.map((c, i) => {
      const text = r[i] ?? "";
      const width = widths[i] ?? 0;
      return c.align === "left" ? text.padEnd(width) : text.padStart(width);
    })
      .join("  ")
      .trimEnd(),
  );
}
