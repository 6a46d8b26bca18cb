/*
 * 미납 협상 코치 — web chat widget.
 *
 * Embeds into any element with id "minap-coach" (data-server: the coach's address; empty for
 * the same origin). Talks to the Rasa server over socket.io (Socket.IO protocol 5, the
 * socket.io-client 4.x bundled by the server at /chat/socket.io.min.js). Everything from the bot
 * or the person is inserted as text, never as HTML.
 *
 * Embedding on another site:
 *   <div id="minap-coach" data-server="https://coach.example"></div>
 *   <script src="https://coach.example/chat/widget.js" defer></script>
 * On the coach's own page (/chat) the message box takes the focus when the page loads; embedded,
 * it does so only with data-autofocus="true" on the element.
 *
 * Accessibility: a skip link ("입력창으로 건너뛰기") comes first in the tab order; new bot
 * messages are read out through a polite live region (.coach-announcer), never the history
 * shown again after a reload; every button is a real <button> and the ticks are real checkboxes.
 */
(function () {
  "use strict";

  // The six stages' titles come from the server's `stage` messages; until one arrives, its step
  // shows a neutral "N단계".
  var STAGE_COUNT = 6;
  // Labels (options, figures, welfare statuses) come from the server's messages: the coach's
  // words live in one place, negotiation/data/wording.yml.
  var STORAGE_KEY = "minap-coach";
  var STATE_LIFETIME_MS = 2 * 60 * 60 * 1000;
  // How many announcements the screen-reader live region keeps (older ones are removed silently).
  var ANNOUNCEMENTS_KEPT = 6;
  // Where this script came from, read while it runs (document.currentScript is null later).
  var SCRIPT_BASE = scriptBase();

  function won(amount) {
    // 88000 -> "88,000원": the plan's tables show exact figures to the 원, in aligned columns.
    return Number(amount).toLocaleString("ko-KR") + "원";
  }

  function groupText(number) {
    // A number under 10,000 beside a unit: 8천, 3,500 (as negotiation/money.py writes it).
    if (number && number % 1000 === 0) return (number / 1000) + "천";
    return number.toLocaleString("en-US");
  }

  function wonSpoken(amount) {
    // 350000 -> "35만원", 55000 -> "5만 5천원", 123500 -> "12만 3,500원": as the coach says them.
    amount = Math.round(Number(amount));
    if (amount < 0) return "-" + wonSpoken(-amount);
    if (amount === 0) return "0원";
    var eok = Math.floor(amount / 100000000);
    var rest = amount % 100000000;
    var man = Math.floor(rest / 10000);
    var units = rest % 10000;
    var parts = [];
    if (eok) parts.push(eok.toLocaleString("en-US") + "억");
    if (man) parts.push(groupText(man) + "만");
    if (units) parts.push(groupText(units));
    return parts.join(" ") + "원";
  }


  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function scriptBase() {
    var current = document.currentScript;
    if (current && current.src) return current.src.replace(/\/chat\/widget\.js.*$/, "");
    return "";
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(tag);
    });
  }

  function loadStyle(href) {
    if (document.querySelector('link[data-coach-style]')) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.setAttribute("data-coach-style", "");
    document.head.appendChild(link);
  }

  function Coach(root, server, labels) {
    this.root = root;
    this.server = server;
    // The coach's words for figures, options and statuses, from the server (/chat/labels.json).
    this.labels = labels;
    this.state = this.loadState();
    this.build();
    this.replay();
    this.connect();
    if (this.autofocus()) this.input.focus({ preventScroll: true });
  }

  Coach.prototype.autofocus = function () {
    // On the coach's own page the message box takes the focus at once. Embedded on another
    // site, it does so only when asked (data-autofocus), so as not to take the focus from the
    // host page.
    var wanted = this.root.getAttribute("data-autofocus");
    if (wanted !== null) return wanted !== "false";
    return document.body.classList.contains("coach-page");
  };

  Coach.prototype.loadState = function () {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
      // Kept no longer than the server keeps a conversation going (2 hours since the last use).
      var fresh = saved && saved.savedAt && Date.now() - saved.savedAt < STATE_LIFETIME_MS;
      if (fresh && saved.sessionId && Array.isArray(saved.log)) {
        if (!saved.titles || typeof saved.titles !== "object") saved.titles = {};
        return saved;
      }
    } catch (ignored) { /* a broken entry starts a new conversation */ }
    return this.newState();
  };

  Coach.prototype.newState = function () {
    // titles: the stage titles the server has sent, by stage number.
    // The conversation id comes from the server (session_confirm), signed; none until then.
    return { sessionId: "", log: [], stage: 0, titles: {} };
  };

  Coach.prototype.saveState = function () {
    try {
      this.state.savedAt = Date.now();
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(this.state));
    } catch (ignored) { /* storage full or disabled: the chat still works without reloads */ }
  };

  Coach.prototype.build = function () {
    var self = this;
    var root = this.root;
    root.textContent = "";
    root.classList.add("coach");
    root.setAttribute("lang", "ko");

    // First in the tab order: straight to the message box, past the conversation's buttons.
    var skip = el("a", "coach-skip", "입력창으로 건너뛰기");
    skip.href = "#coach-input";
    skip.addEventListener("click", function (event) {
      event.preventDefault();
      self.input.focus();
    });
    root.appendChild(skip);

    var header = el("header", "coach-header");
    var row = el("div", "coach-header-row");
    row.appendChild(el("h1", null, "미납 협상 코치"));
    var restart = el("button", "coach-restart", "처음부터");
    restart.type = "button";
    restart.setAttribute("aria-label", "대화를 처음부터 다시 시작하기");
    restart.addEventListener("click", function (event) {
      self.restart();
      self.focusInput(event);
    });
    row.appendChild(restart);
    var erase = el("button", "coach-erase", "대화 삭제");
    erase.type = "button";
    erase.setAttribute("aria-label", "대화 삭제: 서버와 이 브라우저에서 모두 지우기");
    erase.addEventListener("click", function (event) {
      self.erase();
      self.focusInput(event);
    });
    row.appendChild(erase);
    header.appendChild(row);
    var progress = el("ol", "coach-progress");
    progress.setAttribute("aria-label", "협상 단계");
    this.steps = [];
    for (var number = 1; number <= STAGE_COUNT; number += 1) {
      var item = el("li");
      item.appendChild(el("span", "coach-step-label"));
      progress.appendChild(item);
      this.steps.push(item);
    }
    header.appendChild(progress);
    root.appendChild(header);

    // The conversation itself. It is not a live region: new bot messages are announced through
    // this.announcer instead, so that reloading the page does not read the whole history again.
    this.log = el("section", "coach-log");
    this.log.setAttribute("aria-label", "대화 내용");
    this.log.tabIndex = 0;  // scrollable with the keyboard even when it holds no button
    root.appendChild(this.log);

    this.announcer = el("div", "coach-visually-hidden coach-announcer");
    this.announcer.setAttribute("aria-live", "polite");
    this.announcer.setAttribute("aria-relevant", "additions");
    root.appendChild(this.announcer);

    this.typing = el("div", "coach-typing");
    this.typing.setAttribute("role", "status");
    root.appendChild(this.typing);

    this.replies = el("div", "coach-replies");
    this.replies.setAttribute("role", "group");
    this.replies.setAttribute("aria-label", "고를 수 있는 답");
    root.appendChild(this.replies);

    var form = el("form", "coach-form");
    var label = el("label", "coach-visually-hidden", "메시지 입력");
    label.setAttribute("for", "coach-input");
    this.input = el("input");
    this.input.id = "coach-input";
    this.input.type = "text";
    this.input.autocomplete = "off";
    this.input.maxLength = 500;
    this.input.placeholder = "예: KT인데 두 달 밀려서 35만원이에요";
    var send = el("button", null, "보내기");
    send.type = "submit";
    form.appendChild(label);
    form.appendChild(this.input);
    form.appendChild(send);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.send(self.input.value);
    });
    root.appendChild(form);
    this.setStage(this.state.stage || 0);
  };

  Coach.prototype.connect = function () {
    var self = this;
    this.socket = window.io(this.server || undefined, { path: "/socket.io",
      transports: ["websocket", "polling"] });
    this.socket.on("connect", function () {
      self.socket.emit("session_request", { session_id: self.state.sessionId });
    });
    this.socket.on("session_confirm", function (sessionId) {
      if (sessionId && sessionId !== self.state.sessionId) {
        // A new conversation (the first, or the old id is no longer valid): start clean.
        var titles = self.state.titles;
        self.state = self.newState();
        self.state.titles = titles;
        self.state.sessionId = sessionId;
        self.log.textContent = "";
        self.setStage(0);
        self.greeted = false;
        self.saveState();
      }
      self.ready = true;
      if (!self.state.log.length && !self.greeted) {
        self.greeted = true;
        self.send("안녕하세요", true);
      }
    });
    this.socket.on("bot_uttered", function (message) {
      self.record({ from: "bot", message: message });
      self.showTyping(false);
    });
    this.socket.on("connect_error", function () {
      self.typing.textContent = "코치와 연결하지 못했어요. 잠시 후 다시 시도해 주세요.";
    });
  };

  Coach.prototype.send = function (text, quiet) {
    text = String(text || "").trim();
    if (!text) return;
    if (!quiet) this.record({ from: "user", text: text });
    this.input.value = "";
    this.clearReplies();
    this.showTyping(true);
    this.socket.emit("user_uttered", { message: text, session_id: this.state.sessionId });
  };

  Coach.prototype.restart = function () {
    var titles = this.state.titles;
    this.state = this.newState();
    this.state.titles = titles;  // labels, not part of the conversation
    this.saveState();
    this.log.textContent = "";
    this.clearReplies();
    this.setStage(0);
    this.greeted = false;  // the new session starts with a greeting, as the first one did
    this.socket.emit("session_request", { session_id: this.state.sessionId });
    this.announce("대화를 처음부터 다시 시작해요.");
  };

  Coach.prototype.erase = function () {
    // The server deletes the conversation on "대화 삭제" (channels/erasure.py); the browser
    // forgets it too, and a new conversation begins with a new id.
    if (!window.confirm("이 대화를 서버와 이 브라우저에서 모두 지울까요?")) return;
    this.socket.emit("user_uttered", { message: "대화 삭제", session_id: this.state.sessionId });
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (ignored) { /* storage may be unavailable; nothing was kept there then */ }
    this.restart();
    this.announce("대화를 지웠어요.");
  };

  Coach.prototype.focusInput = function (event) {
    // After a button that goes away (or empties the log), the focus goes on to the message box
    // rather than back to the top of the page. Not after a tap on a touch screen: the on-screen
    // keyboard would cover the reply.
    var pointer = event && event.pointerType;
    if (pointer === "touch" || pointer === "pen") return;
    this.input.focus();
  };

  Coach.prototype.showTyping = function (on) {
    var self = this;
    window.clearTimeout(this.typingTimer);
    if (on) {
      this.typing.textContent = "코치가 답을 쓰고 있어요…";
      this.log.setAttribute("aria-busy", "true");
      // If the server goes quiet, do not leave the person waiting forever.
      this.typingTimer = window.setTimeout(function () { self.showTyping(false); }, 30000);
    } else {
      // Replies arrive as several events; keep the indicator until they stop.
      this.typingTimer = window.setTimeout(function () {
        self.typing.textContent = "";
        self.log.removeAttribute("aria-busy");
      }, 400);
    }
  };

  Coach.prototype.record = function (entry) {
    this.state.log.push(entry);
    this.saveState();
    this.render(entry, true);
  };

  Coach.prototype.replay = function () {
    // Shown again silently: nothing here is announced to screen readers.
    var entries = this.state.log;
    for (var index = 0; index < entries.length; index += 1) {
      this.render(entries[index], false);
    }
    // The choices offered by the bot's latest message with buttons, unless the person has
    // answered since (a card may follow the question that carries them).
    for (var back = entries.length - 1; back >= 0; back -= 1) {
      if (entries[back].from === "user") break;
      var replies = (entries[back].message || {}).quick_replies;
      if (Array.isArray(replies) && replies.length) {
        this.showReplies(replies);
        break;
      }
    }
  };

  Coach.prototype.render = function (entry, live) {
    if (entry.from === "user") {
      this.append(el("div", "coach-msg user", entry.text));
      return;
    }
    var message = entry.message || {};
    var replies = Array.isArray(message.quick_replies) ? message.quick_replies : [];
    var spoken = null;
    if (message.type) {
      spoken = this.renderStructured(message);
    } else if (message.text) {
      this.append(el("div", "coach-msg bot", message.text));
      spoken = message.text;
    }
    if (live && replies.length) {
      this.showReplies(replies);
      spoken = (spoken ? spoken + " " : "") + "고를 수 있는 답: " +
        replies.map(function (reply) { return reply.title; }).join(", ") + ".";
    }
    if (live && spoken) this.announce(spoken);
  };

  Coach.prototype.announce = function (text) {
    // A polite live region: each new bot message is read once, after what is being read now.
    this.announcer.appendChild(el("p", null, text));
    while (this.announcer.childNodes.length > ANNOUNCEMENTS_KEPT) {
      this.announcer.removeChild(this.announcer.firstChild);
    }
  };

  Coach.prototype.append = function (node) {
    this.log.appendChild(node);
    this.log.scrollTop = this.log.scrollHeight;
  };

  Coach.prototype.showReplies = function (replies) {
    var self = this;
    this.clearReplies();
    replies.forEach(function (reply) {
      var button = el("button", null, reply.title);
      button.type = "button";
      button.addEventListener("click", function (event) {
        self.record({ from: "user", text: reply.title });
        self.send(reply.payload, true);
        self.focusInput(event);  // the buttons are gone now
      });
      self.replies.appendChild(button);
    });
    // The buttons take room from the log: keep its latest message in view.
    this.log.scrollTop = this.log.scrollHeight;
  };

  Coach.prototype.clearReplies = function () { this.replies.textContent = ""; };

  Coach.prototype.stageTitle = function (stage) {
    return this.state.titles[stage] || null;
  };

  Coach.prototype.setStage = function (stage) {
    var self = this;
    this.state.stage = stage;
    this.steps.forEach(function (item, index) {
      var number = index + 1;
      var title = self.stageTitle(number);
      item.firstChild.textContent = title ? number + ". " + title : number + "단계";
      var done = number < stage;
      item.classList.toggle("done", done);
      var mark = item.querySelector(".coach-visually-hidden");
      if (done && !mark) item.appendChild(el("span", "coach-visually-hidden", " (마침)"));
      if (!done && mark) item.removeChild(mark);
      if (number === stage) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
  };

  Coach.prototype.renderStructured = function (message) {
    // Draws a structured message; returns what a screen reader should say about it (or null).
    switch (message.type) {
      case "stage":
        if (message.title) this.state.titles[message.stage] = String(message.title);
        this.setStage(message.stage);
        this.saveState();
        return "지금 단계: " + message.stage + "단계" + (message.title ? " " + message.title : "") + ".";
      case "figures": return this.show(this.figuresCard(message));
      case "installment_plan": return this.show(this.planCard(message));
      case "alternatives": return this.show(this.alternativesCard(message));
      case "script": return this.show(this.scriptCard(message));
      case "agreement": return this.show(this.agreementCard(message));
      default: return null; // unknown types are for other integrations
    }
  };

  Coach.prototype.show = function (card) {
    // Appends a card; a screen reader hears its text (buttons and all are in the log to browse).
    this.append(card);
    return card.getAttribute("data-spoken") || null;
  };

  function section(className, title) {
    var card = el("article", "coach-card " + className);
    var heading = el("h2", null, title);
    heading.id = "coach-h-" + Math.random().toString(36).slice(2, 9);
    card.setAttribute("aria-labelledby", heading.id);
    card.appendChild(heading);
    return card;
  }

  Coach.prototype.optionLabel = function (kind, payments) {
    // A step-up schedule whose later payments are the smaller ones is named for what it does.
    if (kind === "step_up" && payments) {
      var change = 1;
      while (change < payments.length && payments[change] === payments[0]) change += 1;
      // The first different payment (not the remainder at the end) is smaller: it steps down.
      if (change < payments.length - 1 && payments[change] < payments[0]) {
        return this.labels.option_labels.step_down;
      }
    }
    return this.labels.option_labels[kind] || kind;
  };

  Coach.prototype.figureRows = function (figures) {
    // Labels and named values from the server's wording; amounts as the coach says them.
    var labels = this.labels;
    var unknown = labels.unknown_value;
    var given = function (value) { return value !== null && value !== undefined; };
    var shown = function (slot, value) {
      if (slot === "recovery_months" && !given(value)) return labels.no_recovery;
      if (!given(value)) return unknown;
      if (slot === "carrier") return labels.carrier_names[value] || value;
      if (slot === "welfare_status") return labels.welfare_labels[value] || value;
      if (slot === "service_suspended") return labels.suspended_values[String(value)];
      if (slot === "months_overdue" || slot === "recovery_months") return Number(value) + "개월";
      return wonSpoken(value);
    };
    return labels.figure_order.filter(function (slot) {
      return !(slot === "recovery_budget" && !given(figures.recovery_months));
    }).map(function (slot) {
      return [labels.figure_labels[slot], shown(slot, figures[slot])];
    });
  };

  Coach.prototype.figuresCard = function (figures) {
    var card = section("coach-figures", "계획에 쓸 숫자");
    card.appendChild(el("p", null, "이 숫자로 납부 계획을 짜요. 맞는지 확인해 주세요."));
    var rows = this.figureRows(figures);
    var table = el("table");
    var body = el("tbody");
    rows.forEach(function (pair) {
      var row = el("tr");
      var label = el("th", null, pair[0]);
      label.setAttribute("scope", "row");
      row.appendChild(label);
      row.appendChild(el("td", null, pair[1]));
      body.appendChild(row);
    });
    table.appendChild(body);
    card.appendChild(table);
    card.setAttribute("data-spoken", "계획에 쓸 숫자예요. " + rows.map(function (pair) {
      return pair[0] + " " + pair[1];
    }).join(", ") + ".");
    return card;
  };

  Coach.prototype.planCard = function (plan) {
    var card = section("coach-plan", "납부 계획");
    // Sentences say amounts as the coach does (35만원); the tables below give them to the 원.
    card.appendChild(el("p", null, "미납액 " + wonSpoken(plan.arrears_amount) +
      (plan.lump_sum ? " 중 " + wonSpoken(plan.lump_sum) + " 먼저 내고" : "") +
      " · 매달 요금 " + wonSpoken(plan.monthly_bill) + " · 월 예산 " +
      wonSpoken(plan.monthly_budget)));
    // A plan that does not fit: the even plan over max_months is only what it would take, never
    // something to agree to; what the coach proposes instead is in its message above the card.
    var self = this;
    if (!plan.feasible) {
      card.appendChild(el("p", "coach-warning", plan.max_months + "개월 안에 갚으려면 매달 " +
        wonSpoken(plan.shortfall) + "이 더 필요해요. 아래 표는 참고용이고, 제안은 위 메시지처럼 " +
        "낼 수 있는 금액으로 하세요."));
    }
    var options = el("div", "coach-plan-options");
    var summaries = [];
    plan.options.forEach(function (option) {
      var box = el("div", "coach-plan-option");
      var title = (plan.feasible ? self.optionLabel(option.kind, option.payments)
        : "참고: " + plan.max_months + "개월에 나누면") + " · " + option.months + "개월";
      summaries.push(title);
      box.appendChild(el("h3", null, title));
      var table = el("table");
      var head = el("thead");
      var headRow = el("tr");
      ["달", "밀린 돈", "요금 포함"].forEach(function (name) {
        var cell = el("th", null, name);
        cell.setAttribute("scope", "col");
        headRow.appendChild(cell);
      });
      head.appendChild(headRow);
      table.appendChild(head);
      var body = el("tbody");
      option.payments.forEach(function (payment, index) {
        var row = el("tr");
        row.appendChild(el("td", null, (index + 1) + "개월째"));
        row.appendChild(el("td", null, won(payment)));
        row.appendChild(el("td", null, won(payment + plan.monthly_bill)));
        body.appendChild(row);
      });
      table.appendChild(body);
      box.appendChild(table);
      options.appendChild(box);
    });
    card.appendChild(options);
    card.setAttribute("data-spoken", "납부 계획 카드예요. " + summaries.join(", ") + ".");
    return card;
  };

  Coach.prototype.alternativesCard = function (message) {
    var card = section("coach-alternatives", "함께 알아볼 방법");
    var list = el("ul");
    message.items.forEach(function (item) {
      var text = item.title +
        (item.monthly_saving ? " — 매달 최대 " + wonSpoken(item.monthly_saving) + " 절약" : "");
      list.appendChild(el("li", null, text));
    });
    card.appendChild(list);
    card.setAttribute("data-spoken", "함께 알아볼 방법 " + message.items.length + "가지 카드예요.");
    return card;
  };

  Coach.prototype.scriptCard = function (message) {
    var self = this;
    var title = this.stageTitle(message.stage);
    var heading = title ? title + " 단계에서 할 말" : message.stage + "단계에서 할 말";
    var card = section("coach-script", heading);
    var list = el("ul");
    message.lines.forEach(function (line) {
      var item = el("li", "coach-script-line");
      item.appendChild(el("span", null, line));
      var copy = el("button", "coach-copy", "복사");
      copy.type = "button";
      copy.setAttribute("aria-label", "이 문장 복사: " + line);
      copy.addEventListener("click", function () {
        var done = function () {
          copy.textContent = "복사됨";
          self.announce("복사했어요.");
        };
        var failed = function () {
          copy.textContent = "복사 실패";
          self.announce("복사하지 못했어요. 문장을 직접 골라 복사해 주세요.");
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(line).then(done, failed);
        } else {
          failed();
        }
      });
      item.appendChild(copy);
      list.appendChild(item);
    });
    card.appendChild(list);
    card.setAttribute("data-spoken", heading + ": " + message.lines.join(" "));
    return card;
  };

  Coach.prototype.agreementCard = function (agreement) {
    var card = section("coach-agreement", "최종 합의 체크리스트");
    var option = agreement.option;
    card.appendChild(el("p", null, "미납액 " + wonSpoken(agreement.arrears_amount) +
      (option ? " · " + this.optionLabel(option.kind, option.payments) + " · " + option.months + "개월"
        : " · 요금 인하와 정지 유예 요청")));
    var list = el("ul", "coach-checklist");
    agreement.checklist.forEach(function (line, index) {
      var item = el("li");
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.id = "coach-check-" + index + "-" + Math.random().toString(36).slice(2, 7);
      label.appendChild(box);
      label.appendChild(el("span", null, line));
      item.appendChild(label);
      list.appendChild(item);
    });
    card.appendChild(list);
    var print = el("button", "coach-print", "체크리스트 인쇄");
    print.type = "button";
    print.addEventListener("click", function () { window.print(); });
    card.appendChild(print);
    card.setAttribute("data-spoken", "최종 합의 체크리스트 카드예요. 확인할 것 " +
      agreement.checklist.length + "가지와 인쇄 버튼이 있어요.");
    return card;
  };

  function start() {
    var root = document.getElementById("minap-coach");
    if (!root) {
      root = document.createElement("div");
      root.id = "minap-coach";
      document.body.appendChild(root);
    }
    var base = root.getAttribute("data-server") || SCRIPT_BASE;
    loadStyle(base + "/chat/chat.css");
    var ready = window.io ? Promise.resolve() : loadScript(base + "/chat/socket.io.min.js");
    var labels = fetch(base + "/chat/labels.json").then(function (answer) {
      if (!answer.ok) throw new Error("labels " + answer.status);
      return answer.json();
    });
    Promise.all([labels, ready]).then(function (loaded) {
      window.minapCoach = new Coach(root, base, loaded[0]);
    }, function () {
      root.textContent = "코치를 불러오지 못했어요. 잠시 후 새로고침해 주세요.";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
