// The embeddable widget served at /widget.js: plain JavaScript for the seller's shop page. It reads a widget
// token (minted by the seller's backend) and shows the buyer's points, tier progress and what the open cart
// earns, in a shadow root so that the shop's styles and ours do not mix. Every text goes in as text, never HTML.
export const WIDGET_JS = String.raw`(function () {
  "use strict";
  var script = document.currentScript;
  var origin = script ? new URL(script.src).origin : "";
  var T = {
    en: { points: "points", available: "available", pending: "pending", more: "more to", by: "by", top: "Top level",
          cart: "This cart earns", heldOut: "Your company is in the program's comparison group: purchases earn no points", error: "Points are not available right now", title: "Your points" },
    ru: { points: "баллов", available: "доступно", pending: "ожидают", more: "ещё до уровня", by: "до", top: "Высший уровень",
          cart: "Эта корзина принесёт", heldOut: "Ваша компания в контрольной группе программы: покупки не приносят баллов", error: "Баллы сейчас недоступны", title: "Ваши баллы" },
    uk: { points: "балів", available: "доступно", pending: "очікують", more: "ще до рівня", by: "до", top: "Найвищий рівень",
          cart: "Цей кошик принесе", heldOut: "Ваша компанія в контрольній групі програми: покупки не приносять балів", error: "Бали зараз недоступні", title: "Ваші бали" }
  };
  var CSS = ":host{all:initial;font:14px/1.4 system-ui,sans-serif;color:#1f2933}" +
    ".card{border:1px solid #d9dee3;border-radius:8px;padding:12px 14px;max-width:320px;background:#fff}" +
    ".title{font-weight:600;margin-bottom:4px}.big{font-size:22px;font-weight:700}.muted{color:#52606d}" +
    ".bar{height:8px;background:#e4e7eb;border-radius:4px;margin:6px 0;overflow:hidden}" +
    ".fill{height:100%;background:#2f7d32}.cart{margin-top:8px;font-weight:600}";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** A decimal text such as "176600.00" in the page's language, keeping its decimals. */
  function amount(v, locale) {
    var m = /^(\d+)(?:\.(\d+))?$/.exec(String(v));
    if (!m) return String(v);
    var digits = m[2] ? m[2].length : 0;
    return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(v));
  }

  function Widget(opts) {
    this.token = opts.token;
    this.api = opts.api || origin;
    var lc = String(opts.locale || "").slice(0, 2);
    this.locale = T[lc] ? lc : "en";
    this.fmt = new Intl.NumberFormat(this.locale === "uk" ? "uk-UA" : this.locale === "ru" ? "ru-RU" : "en-US");
    var host = typeof opts.target === "string" ? document.querySelector(opts.target) : opts.target;
    if (!host) { host = el("div"); if (script && script.parentNode) script.parentNode.insertBefore(host, script.nextSibling); else document.body.appendChild(host); }
    this.root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    this.cart = opts.cart || null;
    this.summary = null;
    this.earn = null;
    this.heldOut = false;
    this.failed = false;
    this.refresh();
  }

  Widget.prototype.call = function (method, path, body) {
    return fetch(this.api + path, {
      method: method,
      headers: body ? { authorization: "Bearer " + this.token, "content-type": "application/json" } : { authorization: "Bearer " + this.token },
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); });
  };

  Widget.prototype.refresh = function () {
    var self = this;
    var jobs = [this.call("GET", "/v1/widget/summary").then(function (s) { self.summary = s; })];
    if (this.cart && this.cart.lines && this.cart.lines.length) {
      jobs.push(this.call("POST", "/v1/widget/quote", this.cart).then(function (q) { self.earn = q.pointsEarned; self.heldOut = q.heldOut === true; }));
    } else this.earn = null;
    return Promise.all(jobs).then(function () { self.failed = false; self.render(); },
      function () { self.failed = true; self.render(); });
  };

  /** Shows what another cart would earn: { lines: [{ sku, quantity, unitPrice, category? }] }. */
  Widget.prototype.setCart = function (cart) { this.cart = cart; return this.refresh(); };

  Widget.prototype.render = function () {
    var t = T[this.locale], f = this.fmt, s = this.summary;
    while (this.root.firstChild) this.root.removeChild(this.root.firstChild);
    this.root.appendChild(el("style", null, CSS));
    var card = el("div", "card");
    card.setAttribute("part", "card");
    card.setAttribute("data-patron-widget", this.failed ? "error" : "ready");
    this.root.appendChild(card);
    if (this.failed || !s) { card.appendChild(el("div", "muted", t.error)); return; }
    card.appendChild(el("div", "title", t.title));
    var big = el("div", "big", f.format(s.available) + " " + t.points);
    big.setAttribute("data-field", "available");
    card.appendChild(big);
    if (s.pending > 0) card.appendChild(el("div", "muted", f.format(s.pending) + " " + t.pending));
    if (s.tier) {
      var line = s.tier.name;
      if (s.next) line += " · " + amount(s.next.remaining, this.fmt.resolvedOptions().locale) + " " + t.more + " " + s.next.name + (s.next.by ? " " + t.by + " " + s.next.by : "");
      else line += " · " + t.top;
      var tier = el("div", "muted", line);
      tier.setAttribute("data-field", "tier");
      card.appendChild(tier);
      var bar = el("div", "bar"), fill = el("div", "fill");
      fill.style.width = Math.round(Math.max(0, Math.min(1, s.progress)) * 100) + "%";
      bar.setAttribute("role", "progressbar");
      bar.setAttribute("aria-valuenow", String(Math.round(s.progress * 100)));
      bar.setAttribute("aria-valuemin", "0");
      bar.setAttribute("aria-valuemax", "100");
      bar.appendChild(fill);
      card.appendChild(bar);
    }
    if (this.earn !== null) {
      var cart = el("div", "cart", t.cart + ": +" + f.format(this.earn) + " " + t.points);
      cart.setAttribute("data-field", "cart");
      card.appendChild(cart);
      if (this.heldOut) {
        var why = el("div", "muted", t.heldOut);
        why.setAttribute("data-field", "held-out");
        card.appendChild(why);
      }
    }
  };

  var api = { mount: function (opts) { return new Widget(opts); }, widgets: [] };
  window.PatronWidget = api;
  if (script && script.getAttribute("data-token")) {
    var cart = script.getAttribute("data-cart");
    api.widgets.push(new Widget({
      token: script.getAttribute("data-token"),
      target: script.getAttribute("data-target"),
      locale: script.getAttribute("data-locale") || document.documentElement.lang,
      cart: cart ? JSON.parse(cart) : null
    }));
  }
})();
`;
