// Renders an explanation (a stable code and its parameters) as a sentence in English, Russian or Ukrainian.
import type { Explanation } from "./types.ts";

export const LOCALES = ["en", "ru", "uk"] as const;
export type Locale = (typeof LOCALES)[number];

type Templates = Record<Locale, string>;

/** One template per explanation code and language; `{name}` is replaced by the parameter. */
export const EXPLANATIONS: Record<string, Templates> = {
  "code.unknown": {
    en: "Code {code} is not known: no code discount",
    ru: "Код {code} не найден: скидка по коду не применена",
    uk: "Код {code} не знайдено: знижку за кодом не застосовано",
  },
  "code.notYetValid": {
    en: "Code {code} is valid from {validFrom}",
    ru: "Код {code} действует с {validFrom}",
    uk: "Код {code} діє з {validFrom}",
  },
  "code.expired": {
    en: "Code {code} expired after {validTo}",
    ru: "Срок действия кода {code} истёк {validTo}",
    uk: "Термін дії коду {code} сплив {validTo}",
  },
  "code.notFirstOrder": {
    en: "Code {code} is for a first order only",
    ru: "Код {code} действует только на первый заказ",
    uk: "Код {code} діє лише на перше замовлення",
  },
  "code.belowMinimum": {
    en: "Code {code} needs an order of {minGross} or more; this one is {gross}",
    ru: "Код {code} действует на заказ от {minGross}; сумма заказа {gross}",
    uk: "Код {code} діє на замовлення від {minGross}; сума замовлення {gross}",
  },
  "code.conditionNotMet": {
    en: "Code {code}: the order does not meet its conditions",
    ru: "Код {code}: заказ не выполняет его условия",
    uk: "Код {code}: замовлення не відповідає його умовам",
  },
  "referral.ownCode": {
    en: "Referral code {code} is the company's own: it gives nothing",
    ru: "Реферальный код {code} принадлежит самой компании: он ничего не даёт",
    uk: "Реферальний код {code} належить самій компанії: він нічого не дає",
  },
  "referral.notFirstOrder": {
    en: "Referral code {code} works on a company's first order only",
    ru: "Реферальный код {code} действует только на первый заказ компании",
    uk: "Реферальний код {code} діє лише на перше замовлення компанії",
  },
  "referral.conditionNotMet": {
    en: "Referral code {code}: the order does not meet its conditions",
    ru: "Реферальный код {code}: заказ не выполняет его условия",
    uk: "Реферальний код {code}: замовлення не відповідає його умовам",
  },
  "discount.code": {
    en: "Code {code}: {rate} off, −{amount}",
    ru: "Код {code}: скидка {rate}, −{amount}",
    uk: "Код {code}: знижка {rate}, −{amount}",
  },
  "discount.referral": {
    en: "Referral by {referrer} ({code}): {rate} off the first order, −{amount}",
    ru: "Рекомендация от {referrer} ({code}): скидка {rate} на первый заказ, −{amount}",
    uk: "Рекомендація від {referrer} ({code}): знижка {rate} на перше замовлення, −{amount}",
  },
  "discount.orderSteps": {
    en: "Order of {basis} (from {from}): {rate} off, −{amount}",
    ru: "Заказ на {basis} (от {from}): скидка {rate}, −{amount}",
    uk: "Замовлення на {basis} (від {from}): знижка {rate}, −{amount}",
  },
  "discount.individual": {
    en: "Individual discount {rate} (granted by {grantedBy}, approved by {approvedBy}), −{amount}",
    ru: "Индивидуальная скидка {rate} (назначил {grantedBy}, утвердил {approvedBy}), −{amount}",
    uk: "Індивідуальна знижка {rate} (призначив {grantedBy}, затвердив {approvedBy}), −{amount}",
  },
  "discount.lines": {
    en: "{rate} off the selected lines, −{amount}",
    ru: "Скидка {rate} на выбранные позиции, −{amount}",
    uk: "Знижка {rate} на вибрані позиції, −{amount}",
  },
  "discount.volumeBands": {
    en: "Volume bands for the year from {period} (units by band {unitsByBand}), −{amount}",
    ru: "Объёмные скидки за год с {period} (штук по ступеням {unitsByBand}), −{amount}",
    uk: "Об'ємні знижки за рік з {period} (одиниць за щаблями {unitsByBand}), −{amount}",
  },
  "discount.stamps": {
    en: "Stamps: every unit after {stamps} stamps is free; {freeUnits} free now, {stampsNow} stamps collected, −{amount}",
    ru: "Штампы: каждая единица после {stamps} штампов бесплатна; бесплатно {freeUnits}, собрано штампов {stampsNow}, −{amount}",
    uk: "Штампи: кожна одиниця після {stamps} штампів безкоштовна; безкоштовно {freeUnits}, зібрано штампів {stampsNow}, −{amount}",
  },
  "discount.bundle": {
    en: "Every {every}th unit {rate} off ({units} units), −{amount}",
    ru: "Каждая {every}-я единица со скидкой {rate} ({units} шт.), −{amount}",
    uk: "Кожна {every}-а одиниця зі знижкою {rate} ({units} од.), −{amount}",
  },
  "membership.extended": {
    en: "Membership bought: active until {until}",
    ru: "Членство оплачено: действует до {until}",
    uk: "Членство сплачено: діє до {until}",
  },
  "discount.membership": {
    en: "Membership (until {until}): {rate} off, −{amount}",
    ru: "Членство (до {until}): скидка {rate}, −{amount}",
    uk: "Членство (до {until}): знижка {rate}, −{amount}",
  },
  "term.membership": {
    en: "Membership {label} (until {until}): {rate} off, −{amount}",
    ru: "Членство {label} (до {until}): скидка {rate}, −{amount}",
    uk: "Членство {label} (до {until}): знижка {rate}, −{amount}",
  },
  "term.individual": {
    en: "Individual discount {rate} ({label}, until {until}), −{amount}",
    ru: "Индивидуальная скидка {rate} ({label}, до {until}), −{amount}",
    uk: "Індивідуальна знижка {rate} ({label}, до {until}), −{amount}",
  },
  "earn.term": {
    en: "{label}: {rate} extra on {basis}, {points} points",
    ru: "{label}: дополнительно {rate} от {basis}, {points} баллов",
    uk: "{label}: додатково {rate} від {basis}, {points} балів",
  },
  "discount.excluded": {
    en: "Not combined with {by}",
    ru: "Не суммируется с {by}",
    uk: "Не поєднується з {by}",
  },
  "redeem.points": {
    en: "{redeemed} of {requested} points asked were spent (cap {cap}), −{amount}",
    ru: "Списано {redeemed} из запрошенных {requested} баллов (предел {cap}), −{amount}",
    uk: "Списано {redeemed} із запитаних {requested} балів (межа {cap}), −{amount}",
  },
  "earn.excludedByCode": {
    en: "No points: bought with code {code}",
    ru: "Баллы не начисляются: покупка по коду {code}",
    uk: "Бали не нараховуються: покупка за кодом {code}",
  },
  "earn.unknownPartner": {
    en: "No points: partner {partner} is not in the coalition",
    ru: "Баллы не начисляются: партнёр {partner} не входит в коалицию",
    uk: "Бали не нараховуються: партнер {partner} не входить до коаліції",
  },
  "earn.heldOut": {
    en: "No points: the company is in the hold-out group ({share} of companies), which earns nothing so that the program's effect can be measured; it would have earned {points}",
    ru: "Баллы не начисляются: компания в контрольной группе ({share} компаний), которая ничего не получает, чтобы измерить эффект программы; начислилось бы {points}",
    uk: "Бали не нараховуються: компанія в контрольній групі ({share} компаній), яка нічого не отримує, щоб виміряти ефект програми; нарахувалося б {points}",
  },
  "earn.rate": {
    en: "+{points} points: {rate} of {basis} ({source})",
    ru: "+{points} баллов: {rate} от {basis} ({source})",
    uk: "+{points} балів: {rate} від {basis} ({source})",
  },
  "earn.split": {
    en: "Points split: {company} to the company, {contact} to contact {contactId}",
    ru: "Баллы разделены: {company} компании, {contact} контакту {contactId}",
    uk: "Бали розподілено: {company} компанії, {contact} контакту {contactId}",
  },
  "earn.fixed": {
    en: "+{points} points for the order",
    ru: "+{points} баллов за заказ",
    uk: "+{points} балів за замовлення",
  },
  "earn.per": {
    en: "+{points} points: for every {per} of {basis}",
    ru: "+{points} баллов: за каждые {per} из {basis}",
    uk: "+{points} балів: за кожні {per} з {basis}",
  },
  "offer.benefit": {
    en: "Benefit earned: {benefit} × {quantity} {unit}",
    ru: "Получена привилегия: {benefit} × {quantity} {unit}",
    uk: "Отримано привілей: {benefit} × {quantity} {unit}",
  },
  "referral.referrerCredited": {
    en: "{referrer} is credited {points} points for the referral",
    ru: "{referrer} начислено {points} баллов за рекомендацию",
    uk: "{referrer} нараховано {points} балів за рекомендацію",
  },
  "referral.referrerPending": {
    en: "{referrer} will be credited {points} points for the referral once this order is paid and past its return window",
    ru: "{referrer} получит {points} баллов за рекомендацию, когда заказ будет оплачен и пройдёт срок возврата",
    uk: "{referrer} отримає {points} балів за рекомендацію, коли замовлення буде оплачено й мине строк повернення",
  },
  "referral.reversed": {
    en: "The referred order was returned in full: {points} referral points are taken back from {referrer}",
    ru: "Заказ по рекомендации возвращён полностью: {points} баллов за рекомендацию списаны у {referrer}",
    uk: "Замовлення за рекомендацією повернуто повністю: {points} балів за рекомендацію списано в {referrer}",
  },
  "referral.related": {
    en: "Code {code} belongs to a related company (same tax id, parent or e-mail domain): no referral",
    ru: "Код {code} принадлежит связанной компании (тот же ИНН, головная компания или почтовый домен): рекомендация не засчитана",
    uk: "Код {code} належить пов'язаній компанії (той самий податковий номер, головна компанія чи поштовий домен): рекомендацію не зараховано",
  },
  "code.batch.not_yet_valid": {
    en: "Code {code} is not valid yet",
    ru: "Код {code} ещё не действует",
    uk: "Код {code} ще не діє",
  },
  "code.batch.expired": {
    en: "Code {code} has expired",
    ru: "Срок действия кода {code} истёк",
    uk: "Термін дії коду {code} сплив",
  },
  "code.batch.used_up": {
    en: "Code {code} has been used as many times as it may",
    ru: "Код {code} уже использован максимальное число раз",
    uk: "Код {code} уже використано максимальну кількість разів",
  },
  "code.batch.company_limit": {
    en: "This company has used code {code} as many times as it may",
    ru: "Компания уже использовала код {code} максимальное число раз",
    uk: "Компанія вже використала код {code} максимальну кількість разів",
  },
  "code.batch.below_minimum": {
    en: "Code {code} needs a larger order",
    ru: "Для кода {code} нужна большая сумма заказа",
    uk: "Для коду {code} потрібна більша сума замовлення",
  },
  "code.batch.not_first_order": {
    en: "Code {code} is only for a first order",
    ru: "Код {code} действует только на первый заказ",
    uk: "Код {code} діє лише на перше замовлення",
  },
  "code.batch.no_benefit": {
    en: "Code {code} gives nothing under the program in force",
    ru: "Код {code} ничего не даёт по действующей программе",
    uk: "Код {code} нічого не дає за чинною програмою",
  },
  "campaign.score": {
    en: "Campaign: {participant} scores {points} points ({basis}, one point per {per})",
    ru: "Кампания: {participant} получает {points} очков ({basis}, очко за каждые {per})",
    uk: "Кампанія: {participant} отримує {points} очок ({basis}, очко за кожні {per})",
  },
  "return.refund": {
    en: "Return from order {order}: {refund} refunded",
    ru: "Возврат по заказу {order}: возвращено {refund}",
    uk: "Повернення за замовленням {order}: повернуто {refund}",
  },
  "return.pointsReversed": {
    en: "−{points} points taken back ({reversedSoFar} of {earned} earned so far)",
    ru: "−{points} баллов списано ({reversedSoFar} из {earned} начисленных)",
    uk: "−{points} балів списано ({reversedSoFar} з {earned} нарахованих)",
  },
  "return.pointsRefunded": {
    en: "+{points} points spent on the returned goods given back",
    ru: "+{points} баллов, потраченных на возвращённый товар, возвращены",
    uk: "+{points} балів, витрачених на повернений товар, повернуто",
  },
  "member.notEnrolled": {
    en: "The company takes part from {enrolledOn}: this order earns nothing",
    ru: "Компания участвует с {enrolledOn}: этот заказ ничего не приносит",
    uk: "Компанія бере участь з {enrolledOn}: це замовлення нічого не приносить",
  },
  "action.points": {
    en: "+{points} points for {action} {subject}",
    ru: "+{points} баллов за {action} {subject}",
    uk: "+{points} балів за {action} {subject}",
  },
  "action.alreadyEarned": {
    en: "Points for {subject} were already given",
    ru: "Баллы за {subject} уже начислены",
    uk: "Бали за {subject} вже нараховано",
  },
  "action.noRule": {
    en: "No rule pays for {action} {subject}",
    ru: "Нет правила, начисляющего баллы за {action} {subject}",
    uk: "Немає правила, що нараховує бали за {action} {subject}",
  },
  "reward.unknown": {
    en: "There is no such reward in the catalog",
    ru: "Такого подарка нет в каталоге",
    uk: "Такого подарунка немає в каталозі",
  },
  "reward.badQuantity": {
    en: "The quantity must be a whole number of at least 1",
    ru: "Количество должно быть целым числом не меньше 1",
    uk: "Кількість має бути цілим числом не менше 1",
  },
  "reward.tierNotAllowed": {
    en: "This reward is not available at the member's tier",
    ru: "Этот подарок недоступен на уровне участника",
    uk: "Цей подарунок недоступний на рівні учасника",
  },
  "reward.insufficientPoints": {
    en: "Not enough points for this reward",
    ru: "Недостаточно баллов для этого подарка",
    uk: "Недостатньо балів для цього подарунка",
  },
  "tier.progress": {
    en: "{remaining} more to {next} by {by}",
    ru: "Ещё {remaining} до уровня {next} до {by}",
    uk: "Ще {remaining} до рівня {next} до {by}",
  },
  "tier.progressOpen": {
    en: "{remaining} more to {next}",
    ru: "Ещё {remaining} до уровня {next}",
    uk: "Ще {remaining} до рівня {next}",
  },
  "reward.ordered": {
    en: "Reward ordered: {reward} × {quantity} for {points} points",
    ru: "Заказан подарок: {reward} × {quantity} за {points} баллов",
    uk: "Замовлено подарунок: {reward} × {quantity} за {points} балів",
  },
};

const MONEY = /^-?\d+\.\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

function fmt(value: string | number | boolean | null, locale: Locale): string {
  if (value === null) return "—";
  if (typeof value === "number") return nf(locale, 0).format(value);
  if (typeof value === "string" && MONEY.test(value)) {
    const digits = value.length - value.indexOf(".") - 1;
    return nf(locale, digits).format(Number(value));
  }
  if (typeof value === "string" && DATE.test(value)) {
    let f = dateFormats.get(locale);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, {
        day: "numeric",
        month: "long",
        year: "numeric",
        timeZone: "UTC",
      });
      dateFormats.set(locale, f);
    }
    const d = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(d.getTime())) return f.format(d);
  }
  return String(value);
}

function nf(locale: Locale, digits: number): Intl.NumberFormat {
  const key = `${locale}|${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(key, f);
  }
  return f;
}

/** A sentence for an explanation; an unknown code renders as the code and its parameters. */
export function renderExplanation(e: Explanation, locale: Locale = "en"): string {
  const t = EXPLANATIONS[e.code]?.[locale];
  if (!t) return `${e.code} ${JSON.stringify(e.params)}`;
  return t.replace(/\{(\w+)\}/g, (_, name: string) => fmt(e.params[name] ?? null, locale));
}
