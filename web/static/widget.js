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
 */
(function () {
  "use strict";

  var STAGES = ["상담 시작", "상황 설명", "목표 정하기", "정보 공유", "제안과 대안", "최종 합의"];
  var OPTION_LABELS = { fastest: "최대한 빨리 갚기", even: "매달 고르게 나눠 갚기",
    step_up: "처음엔 적게, 나중에 늘려 갚기", lump_sum: "한 번에 내기" };
  var STORAGE_KEY = "minap-coach";
  // Where this script came from, read while it runs (document.currentScript is null later).
  var SCRIPT_BASE = scriptBase();

  function won(amount) {
    // 88000 -> "88,000원": the table shows exact figures to the 원.
    return Number(amount).toLocaleString("ko-KR") + "원";
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

  function Coach(root, server) {
    this.root = root;
    this.server = server;
    this.state = this.loadState();
    this.build();
    this.replay();
    this.connect();
  }

  Coach.prototype.loadState = function () {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
      if (saved && saved.sessionId && Array.isArray(saved.log)) return saved;
    } catch (ignored) { /* a broken entry starts a new conversation */ }
    return { sessionId: this.newSessionId(), log: [], stage: 0 };
  };

  Coach.prototype.newSessionId = function () {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID().replace(/-/g, "");
    return String(Date.now()) + String(Math.random()).slice(2);
  };

  Coach.prototype.saveState = function () {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(this.state));
    } catch (ignored) { /* storage full or disabled: the chat still works without reloads */ }
  };

  Coach.prototype.build = function () {
    var root = this.root;
    root.textContent = "";
    root.classList.add("coach");
    root.setAttribute("lang", "ko");

    var header = el("header", "coach-header");
    var row = el("div", "coach-header-row");
    row.appendChild(el("h1", null, "미납 협상 코치"));
    var restart = el("button", "coach-restart", "처음부터");
    restart.type = "button";
    restart.setAttribute("aria-label", "대화를 처음부터 다시 시작하기");
    restart.addEventListener("click", this.restart.bind(this));
    row.appendChild(restart);
    header.appendChild(row);
    var progress = el("ol", "coach-progress");
    progress.setAttribute("aria-label", "협상 단계");
    this.steps = STAGES.map(function (title, index) {
      var item = el("li", null, (index + 1) + ". " + title);
      progress.appendChild(item);
      return item;
    });
    header.appendChild(progress);
    root.appendChild(header);

    this.log = el("div", "coach-log");
    this.log.setAttribute("role", "log");
    this.log.setAttribute("aria-live", "polite");
    this.log.setAttribute("aria-label", "대화 내용");
    root.appendChild(this.log);

    this.typing = el("div", "coach-typing");
    this.typing.setAttribute("aria-live", "polite");
    root.appendChild(this.typing);

    this.replies = el("div", "coach-replies");
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
      this.send(this.input.value);
    }.bind(this));
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
    this.socket.on("session_confirm", function () {
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
    this.state = { sessionId: this.newSessionId(), log: [], stage: 0 };
    this.saveState();
    this.log.textContent = "";
    this.clearReplies();
    this.setStage(0);
    this.greeted = false;  // the new session starts with a greeting, as the first one did
    this.socket.emit("session_request", { session_id: this.state.sessionId });
  };

  Coach.prototype.showTyping = function (on) {
    var self = this;
    window.clearTimeout(this.typingTimer);
    if (on) {
      this.typing.textContent = "코치가 답을 쓰고 있어요…";
      this.root.setAttribute("aria-busy", "true");
      // If the server goes quiet, do not leave the person waiting forever.
      this.typingTimer = window.setTimeout(function () { self.showTyping(false); }, 30000);
    } else {
      // Replies arrive as several events; keep the indicator until they stop.
      this.typingTimer = window.setTimeout(function () {
        self.typing.textContent = "";
        self.root.removeAttribute("aria-busy");
      }, 400);
    }
  };

  Coach.prototype.record = function (entry) {
    this.state.log.push(entry);
    this.saveState();
    this.render(entry, true);
  };

  Coach.prototype.replay = function () {
    var entries = this.state.log;
    for (var index = 0; index < entries.length; index += 1) {
      this.render(entries[index], index === entries.length - 1);
    }
  };

  Coach.prototype.render = function (entry, isLatest) {
    if (entry.from === "user") {
      this.append(el("div", "coach-msg user", entry.text));
      return;
    }
    var message = entry.message || {};
    if (message.type) {
      this.renderStructured(message);
    } else if (message.text) {
      this.append(el("div", "coach-msg bot", message.text));
    }
    if (isLatest && Array.isArray(message.quick_replies) && message.quick_replies.length) {
      this.showReplies(message.quick_replies);
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
      button.addEventListener("click", function () {
        self.record({ from: "user", text: reply.title });
        self.send(reply.payload, true);
      });
      self.replies.appendChild(button);
    });
  };

  Coach.prototype.clearReplies = function () { this.replies.textContent = ""; };

  Coach.prototype.setStage = function (stage) {
    this.state.stage = stage;
    this.steps.forEach(function (item, index) {
      item.classList.toggle("done", index + 1 < stage);
      if (index + 1 === stage) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
  };

  Coach.prototype.renderStructured = function (message) {
    switch (message.type) {
      case "stage": this.setStage(message.stage); this.saveState(); break;
      case "installment_plan": this.append(this.planCard(message)); break;
      case "alternatives": this.append(this.alternativesCard(message)); break;
      case "script": this.append(this.scriptCard(message)); break;
      case "agreement": this.append(this.agreementCard(message)); break;
      default: break; // unknown types are for other integrations
    }
  };

  Coach.prototype.planCard = function (plan) {
    var card = el("section", "coach-card coach-plan");
    card.setAttribute("aria-label", "납부 계획");
    card.appendChild(el("h2", null, "납부 계획"));
    card.appendChild(el("p", null, "미납액 " + won(plan.arrears_amount) +
      (plan.lump_sum ? " 중 오늘 " + won(plan.lump_sum) + " 먼저 내고" : "") +
      " · 매달 요금 " + won(plan.monthly_bill) + " · 월 예산 " + won(plan.monthly_budget)));
    if (!plan.feasible) {
      card.appendChild(el("p", "coach-warning", plan.max_months + "개월 안에 갚으려면 매달 " +
        won(plan.shortfall) + "이 더 필요해요."));
    }
    var options = el("div", "coach-plan-options");
    plan.options.forEach(function (option) {
      var box = el("div", "coach-plan-option");
      box.appendChild(el("h3", null, (OPTION_LABELS[option.kind] || option.kind) + " · " +
        option.months + "개월"));
      var table = el("table");
      var head = el("tr");
      head.appendChild(el("th", null, "달"));
      head.appendChild(el("th", null, "밀린 돈"));
      head.appendChild(el("th", null, "요금 포함"));
      table.appendChild(head);
      option.payments.forEach(function (payment, index) {
        var row = el("tr");
        row.appendChild(el("td", null, (index + 1) + "개월째"));
        row.appendChild(el("td", null, won(payment)));
        row.appendChild(el("td", null, won(payment + plan.monthly_bill)));
        table.appendChild(row);
      });
      box.appendChild(table);
      options.appendChild(box);
    });
    card.appendChild(options);
    return card;
  };

  Coach.prototype.alternativesCard = function (message) {
    var card = el("section", "coach-card coach-alternatives");
    card.appendChild(el("h2", null, "함께 알아볼 방법"));
    var list = el("ul");
    message.items.forEach(function (item) {
      var text = item.title + (item.monthly_saving ? " — 매달 최대 " + won(item.monthly_saving) + " 절약" : "");
      list.appendChild(el("li", null, text));
    });
    card.appendChild(list);
    return card;
  };

  Coach.prototype.scriptCard = function (message) {
    var card = el("section", "coach-card coach-script");
    card.appendChild(el("h2", null, (STAGES[message.stage - 1] || "") + " 단계에서 할 말"));
    var list = el("ul");
    message.lines.forEach(function (line) {
      var item = el("li", "coach-script-line");
      item.appendChild(el("span", null, line));
      var copy = el("button", "coach-copy", "복사");
      copy.type = "button";
      copy.setAttribute("aria-label", "이 문장 복사: " + line);
      copy.addEventListener("click", function () {
        var done = function () { copy.textContent = "복사됨"; };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(line).then(done, function () { copy.textContent = "복사 실패"; });
        } else {
          copy.textContent = "복사 실패";
        }
      });
      item.appendChild(copy);
      list.appendChild(item);
    });
    card.appendChild(list);
    return card;
  };

  Coach.prototype.agreementCard = function (agreement) {
    var card = el("section", "coach-card coach-agreement");
    card.appendChild(el("h2", null, "최종 합의 체크리스트"));
    var option = agreement.option || { payments: [] };
    card.appendChild(el("p", null, "미납액 " + won(agreement.arrears_amount) + " · " +
      (OPTION_LABELS[option.kind] || option.kind) + " · " + option.months + "개월"));
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
    ready.then(function () { window.minapCoach = new Coach(root, base); }, function () {
      root.textContent = "코치를 불러오지 못했어요. 잠시 후 새로고침해 주세요.";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
