// The console's languages: its texts in English, Russian and Ukrainian, the chosen one remembered in this
// browser, and numbers, dates and money formatted by Intl for it.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { analyticsEn, analyticsRu, analyticsUk } from "./i18n/analytics.ts";
import { companyEn, companyRu, companyUk } from "./i18n/company.ts";
import { consoleEn, consoleRu, consoleUk } from "./i18n/console.ts";
import { economicsEn, economicsRu, economicsUk } from "./i18n/economics.ts";
import { engagementEn, engagementRu, engagementUk } from "./i18n/engagement.ts";
import { operationsEn, operationsRu, operationsUk } from "./i18n/operations.ts";
import { peopleEn, peopleRu, peopleUk } from "./i18n/people.ts";
import { reportsEn, reportsRu, reportsUk } from "./i18n/reports.ts";

export const LOCALES = ["en", "ru", "uk"] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language names itself in its own words. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ru: "Русский", uk: "Українська" };

const STORAGE_KEY = "patron.locale";

const en = {
  ...consoleEn,
  ...analyticsEn,
  ...reportsEn,
  ...economicsEn,
  ...operationsEn,
  ...companyEn,
  ...engagementEn,
  ...peopleEn,
  "app.name": "Patron",
  "app.tagline": "Loyalty for business customers",
  "nav.label": "Main",
  "nav.home": "Overview",
  "nav.users": "Users",
  "nav.apiKeys": "API keys",
  skip: "Skip to content",
  language: "Language",
  loading: "Loading…",
  "signIn.title": "Sign in to Patron",
  "signIn.lead": "Use the organisation id and the email your administrator gave you.",
  "signIn.tenant": "Organisation",
  "signIn.tenantHint": "For example: acme",
  "signIn.email": "Email",
  "signIn.password": "Password",
  "signIn.submit": "Sign in",
  "signIn.busy": "Signing in…",
  "menu.open": "Account menu",
  "menu.signOut": "Sign out",
  "menu.signedInAs": "Signed in as",
  "home.title": "Overview",
  "home.welcome": "Welcome, {name}",
  "home.account": "Your account",
  "home.organisation": "Organisation",
  "home.role": "Your role",
  "home.sessionEnds": "Session ends",
  "home.formats": "Language and formats",
  "home.formatsLead": "How this console shows numbers, money and dates in the language you chose.",
  "home.number": "Number",
  "home.money": "Amount",
  "home.date": "Date",
  "home.access": "Access",
  "home.accessLead": "People who work in the console and keys of the systems that call the API.",
  "home.usersCount": "Users",
  "home.activeKeys": "Active API keys",
  "users.title": "Users",
  "users.lead": "People who sign in to the console, and what their role lets them do.",
  "users.name": "Name",
  "users.email": "Email",
  "users.role": "Role",
  "users.created": "Added",
  "users.add": "Add a user",
  "users.password": "First password (optional)",
  "users.passwordHint": "At least 12 characters. Without one, set it later.",
  "users.create": "Add user",
  "users.created.ok": "{name} was added.",
  "users.empty": "No users yet.",
  "users.roles": "Roles",
  "keys.title": "API keys",
  "keys.lead": "Keys let your ERP, CRM or shop call the Patron API. Each key has one role.",
  "keys.create": "Create a key",
  "keys.name": "Name",
  "keys.namePlaceholder": "ERP integration",
  "keys.role": "Role",
  "keys.submit": "Create key",
  "keys.secretTitle": "Copy the new key now",
  "keys.secretLead": "This is the only time the key is shown. Store it in your system's secret settings.",
  "keys.copy": "Copy",
  "keys.copied": "Copied",
  "keys.done": "I have stored it",
  "keys.prefix": "Key",
  "keys.created": "Created",
  "keys.status": "Status",
  "keys.active": "Active",
  "keys.revokedOn": "Revoked {date}",
  "keys.revoke": "Revoke",
  "keys.confirmRevoke": "Revoke for good",
  "keys.cancel": "Cancel",
  "keys.revoked.ok": "The key {name} was revoked.",
  "keys.unnamed": "(no name)",
  "keys.empty": "No keys yet.",
  "keys.actions": "Actions",
  "error.generic": "Something went wrong: {message}",
  "notFound.title": "Page not found",
  "notFound.back": "Back to the overview",
  "role.owner": "Owner",
  "role.admin": "Administrator",
  "role.program_manager": "Program manager",
  "role.sales_manager": "Sales manager",
  "role.finance": "Finance",
  "role.support": "Support",
  "roleInfo.owner": "Everything, including other owners.",
  "roleInfo.admin": "Everything but owners: users, keys, programs, clients.",
  "roleInfo.program_manager": "Designs, simulates and publishes programs.",
  "roleInfo.sales_manager": "Works with the client companies assigned to them.",
  "roleInfo.finance": "Liability, adjustments and their approval, the audit log.",
  "roleInfo.support": "Looks up clients and answers their questions.",
};

export type MessageKey = keyof typeof en;
type Messages = Record<MessageKey, string>;

const ru: Messages = {
  ...consoleRu,
  ...analyticsRu,
  ...reportsRu,
  ...economicsRu,
  ...operationsRu,
  ...companyRu,
  ...engagementRu,
  ...peopleRu,
  "app.name": "Patron",
  "app.tagline": "Лояльность для бизнес-клиентов",
  "nav.label": "Основное",
  "nav.home": "Обзор",
  "nav.users": "Пользователи",
  "nav.apiKeys": "API-ключи",
  skip: "Перейти к содержимому",
  language: "Язык",
  loading: "Загрузка…",
  "signIn.title": "Вход в Patron",
  "signIn.lead": "Введите идентификатор организации и email, которые дал вам администратор.",
  "signIn.tenant": "Организация",
  "signIn.tenantHint": "Например: acme",
  "signIn.email": "Email",
  "signIn.password": "Пароль",
  "signIn.submit": "Войти",
  "signIn.busy": "Входим…",
  "menu.open": "Меню учётной записи",
  "menu.signOut": "Выйти",
  "menu.signedInAs": "Вы вошли как",
  "home.title": "Обзор",
  "home.welcome": "Здравствуйте, {name}",
  "home.account": "Ваша учётная запись",
  "home.organisation": "Организация",
  "home.role": "Ваша роль",
  "home.sessionEnds": "Сеанс до",
  "home.formats": "Язык и форматы",
  "home.formatsLead": "Так консоль показывает числа, суммы и даты на выбранном языке.",
  "home.number": "Число",
  "home.money": "Сумма",
  "home.date": "Дата",
  "home.access": "Доступ",
  "home.accessLead": "Сотрудники, работающие в консоли, и ключи систем, которые вызывают API.",
  "home.usersCount": "Пользователи",
  "home.activeKeys": "Активные API-ключи",
  "users.title": "Пользователи",
  "users.lead": "Сотрудники, которые входят в консоль, и что им позволяет их роль.",
  "users.name": "Имя",
  "users.email": "Email",
  "users.role": "Роль",
  "users.created": "Добавлен",
  "users.add": "Добавить пользователя",
  "users.password": "Начальный пароль (необязательно)",
  "users.passwordHint": "Не короче 12 символов. Можно задать позже.",
  "users.create": "Добавить",
  "users.created.ok": "Пользователь {name} добавлен.",
  "users.empty": "Пользователей пока нет.",
  "users.roles": "Роли",
  "keys.title": "API-ключи",
  "keys.lead": "Ключи позволяют вашей ERP, CRM или магазину вызывать API Patron. У каждого ключа одна роль.",
  "keys.create": "Создать ключ",
  "keys.name": "Название",
  "keys.namePlaceholder": "Интеграция с ERP",
  "keys.role": "Роль",
  "keys.submit": "Создать ключ",
  "keys.secretTitle": "Скопируйте новый ключ сейчас",
  "keys.secretLead":
    "Ключ показывается только один раз. Сохраните его в защищённых настройках вашей системы.",
  "keys.copy": "Копировать",
  "keys.copied": "Скопировано",
  "keys.done": "Я сохранил ключ",
  "keys.prefix": "Ключ",
  "keys.created": "Создан",
  "keys.status": "Состояние",
  "keys.active": "Действует",
  "keys.revokedOn": "Отозван {date}",
  "keys.revoke": "Отозвать",
  "keys.confirmRevoke": "Отозвать навсегда",
  "keys.cancel": "Отмена",
  "keys.revoked.ok": "Ключ {name} отозван.",
  "keys.unnamed": "(без названия)",
  "keys.empty": "Ключей пока нет.",
  "keys.actions": "Действия",
  "error.generic": "Что-то пошло не так: {message}",
  "notFound.title": "Страница не найдена",
  "notFound.back": "Вернуться к обзору",
  "role.owner": "Владелец",
  "role.admin": "Администратор",
  "role.program_manager": "Менеджер программы",
  "role.sales_manager": "Менеджер по продажам",
  "role.finance": "Финансы",
  "role.support": "Поддержка",
  "roleInfo.owner": "Всё, включая других владельцев.",
  "roleInfo.admin": "Всё, кроме владельцев: пользователи, ключи, программы, клиенты.",
  "roleInfo.program_manager": "Разрабатывает, моделирует и публикует программы.",
  "roleInfo.sales_manager": "Работает со своими компаниями-клиентами.",
  "roleInfo.finance": "Обязательства, корректировки и их согласование, журнал аудита.",
  "roleInfo.support": "Находит клиентов и отвечает на их вопросы.",
};

const uk: Messages = {
  ...consoleUk,
  ...analyticsUk,
  ...reportsUk,
  ...economicsUk,
  ...operationsUk,
  ...companyUk,
  ...engagementUk,
  ...peopleUk,
  "app.name": "Patron",
  "app.tagline": "Лояльність для бізнес-клієнтів",
  "nav.label": "Основне",
  "nav.home": "Огляд",
  "nav.users": "Користувачі",
  "nav.apiKeys": "API-ключі",
  skip: "Перейти до вмісту",
  language: "Мова",
  loading: "Завантаження…",
  "signIn.title": "Вхід до Patron",
  "signIn.lead": "Введіть ідентифікатор організації та email, які надав вам адміністратор.",
  "signIn.tenant": "Організація",
  "signIn.tenantHint": "Наприклад: acme",
  "signIn.email": "Email",
  "signIn.password": "Пароль",
  "signIn.submit": "Увійти",
  "signIn.busy": "Входимо…",
  "menu.open": "Меню облікового запису",
  "menu.signOut": "Вийти",
  "menu.signedInAs": "Ви увійшли як",
  "home.title": "Огляд",
  "home.welcome": "Вітаємо, {name}",
  "home.account": "Ваш обліковий запис",
  "home.organisation": "Організація",
  "home.role": "Ваша роль",
  "home.sessionEnds": "Сеанс до",
  "home.formats": "Мова та формати",
  "home.formatsLead": "Так консоль показує числа, суми та дати обраною мовою.",
  "home.number": "Число",
  "home.money": "Сума",
  "home.date": "Дата",
  "home.access": "Доступ",
  "home.accessLead": "Працівники, які працюють у консолі, і ключі систем, що викликають API.",
  "home.usersCount": "Користувачі",
  "home.activeKeys": "Активні API-ключі",
  "users.title": "Користувачі",
  "users.lead": "Працівники, які входять до консолі, і що їм дозволяє їхня роль.",
  "users.name": "Ім’я",
  "users.email": "Email",
  "users.role": "Роль",
  "users.created": "Додано",
  "users.add": "Додати користувача",
  "users.password": "Початковий пароль (необов’язково)",
  "users.passwordHint": "Щонайменше 12 символів. Можна задати пізніше.",
  "users.create": "Додати",
  "users.created.ok": "Користувача {name} додано.",
  "users.empty": "Користувачів ще немає.",
  "users.roles": "Ролі",
  "keys.title": "API-ключі",
  "keys.lead": "Ключі дають вашій ERP, CRM чи магазину змогу викликати API Patron. Кожен ключ має одну роль.",
  "keys.create": "Створити ключ",
  "keys.name": "Назва",
  "keys.namePlaceholder": "Інтеграція з ERP",
  "keys.role": "Роль",
  "keys.submit": "Створити ключ",
  "keys.secretTitle": "Скопіюйте новий ключ зараз",
  "keys.secretLead":
    "Ключ показується лише один раз. Збережіть його в захищених налаштуваннях вашої системи.",
  "keys.copy": "Копіювати",
  "keys.copied": "Скопійовано",
  "keys.done": "Я зберіг ключ",
  "keys.prefix": "Ключ",
  "keys.created": "Створено",
  "keys.status": "Стан",
  "keys.active": "Діє",
  "keys.revokedOn": "Відкликано {date}",
  "keys.revoke": "Відкликати",
  "keys.confirmRevoke": "Відкликати назавжди",
  "keys.cancel": "Скасувати",
  "keys.revoked.ok": "Ключ {name} відкликано.",
  "keys.unnamed": "(без назви)",
  "keys.empty": "Ключів ще немає.",
  "keys.actions": "Дії",
  "error.generic": "Щось пішло не так: {message}",
  "notFound.title": "Сторінку не знайдено",
  "notFound.back": "Повернутися до огляду",
  "role.owner": "Власник",
  "role.admin": "Адміністратор",
  "role.program_manager": "Менеджер програми",
  "role.sales_manager": "Менеджер з продажу",
  "role.finance": "Фінанси",
  "role.support": "Підтримка",
  "roleInfo.owner": "Усе, включно з іншими власниками.",
  "roleInfo.admin": "Усе, крім власників: користувачі, ключі, програми, клієнти.",
  "roleInfo.program_manager": "Розробляє, моделює та публікує програми.",
  "roleInfo.sales_manager": "Працює зі своїми компаніями-клієнтами.",
  "roleInfo.finance": "Зобов’язання, коригування та їх погодження, журнал аудиту.",
  "roleInfo.support": "Знаходить клієнтів і відповідає на їхні запитання.",
};

const MESSAGES: Record<Locale, Messages> = { en, ru, uk };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The remembered language, else the browser's first one we speak, else English. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  for (const tag of navigator.languages ?? []) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return "en";
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, values?: Record<string, string>): string;
  number(value: number | bigint): string;
  /** An amount in minor units (cents) of `currency`, without passing through a float. */
  money(amountMinor: bigint, currency: string): string;
  date(iso: string | Date): string;
  dateTime(iso: string | Date): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  const value = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function makeI18n(locale: Locale, setLocale: (l: Locale) => void): I18n {
  const messages = MESSAGES[locale];
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return {
    locale,
    setLocale,
    t: (key, values) => messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => values?.[name] ?? whole),
    number: (value) => numbers.format(value),
    money: (amountMinor, currency) => {
      const fmt = new Intl.NumberFormat(locale, { style: "currency", currency });
      const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
      return fmt.format(decimalString(amountMinor, digits));
    },
    date: (iso) => dates.format(new Date(iso)),
    dateTime: (iso) => dateTimes.format(new Date(iso)),
  };
}

/** `12345n, 2` → `"123.45"`: an exact decimal for Intl, which formats such strings without rounding them. */
export function decimalString(amountMinor: bigint, digits: number): `${number}` {
  const sign = amountMinor < 0n ? "-" : "";
  const abs = (amountMinor < 0n ? -amountMinor : amountMinor).toString().padStart(digits + 1, "0");
  const whole = abs.slice(0, abs.length - digits);
  const frac = abs.slice(abs.length - digits);
  return `${sign}${whole}${digits > 0 ? `.${frac}` : ""}` as `${number}`;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n outside I18nProvider");
  return i18n;
}
