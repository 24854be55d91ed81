/* Lá Chắn live session: the student's phone. Plain ES5 (old Android Chrome, iOS Safari), no libraries.
   Text is only ever set with textContent, never as HTML. The token in localStorage brings the same
   student back after a reload or a screen lock; the current vote is re-sent after a reconnect and the
   host ignores a repeat, so it is never counted twice. A vote is kept for one decision only (the
   host's decision id `d`, new in every run of a scenario): the page never votes for the student on a
   decision they have not touched, even when a scenario is played again. */
(function () {
  "use strict";
  /* English: the page's own fallback. Every language present in locale/ (Vietnamese too) comes from
     the host's catalogues, in the `words` block of phone.html (game/live/phone_words.py, same keys). */
  var T = {
    en: {join_title: "Join the class", join_hint: "Type the session code on the projector and a nickname (not your real name).",
         code: "Session code", nick: "Nickname", join: "Join", why: "Why?", hello: "Hi {n}!",
         wait: "Look at the projector. Waiting for the next decision…", lobby: "You are in. Waiting for the trainer to start…",
         ended: "The story has ended. Watch the debrief on the projector.",
         decision: "Decision {n}", discuss: "What would you do?", note_none: "Pick an answer.",
         note_mine: "You picked {l}. You can change it until the trainer locks the vote.", locked: "Voting is locked.",
         taken: "The class goes on with {l}.", safe: "Safe", risky: "Risky", unsafe: "Unsafe",
         neutral: "Not scored", flag: "Red flag", online: "connected", offline: "reconnecting…",
         mine: "(your vote)",
         e_wrong_code: "There is no session with this code. Check the code on the projector.",
         e_bad_code: "There is no session with this code. It is the 4 letters on the projector.",
         e_bad_nick: "Nickname: 1–24 characters: letters, digits, space, - _ . '",
         e_locked: "Voting is locked.", e_slow_down: "Slow down a little.", e_full: "The class is full.",
         e_no_vote: "There is nothing to vote on yet.", e_stale: "That question is over. Look at the new one.",
         e_other: "Something went wrong; try again."}
  };
  var store = {
    get: function (k) { try { return window.localStorage.getItem("lachan_" + k); } catch (e) { return null; } },
    set: function (k, v) { try { if (v === null) { window.localStorage.removeItem("lachan_" + k); } else { window.localStorage.setItem("lachan_" + k, v); } } catch (e) {} }
  };
  function $(id) { return document.getElementById(id); }
  function fmt(s, k, v) { return s.replace("{" + k + "}", v); }
  var params = {};
  location.search.replace(/^\?/, "").split("&").forEach(function (p) {
    var kv = p.split("="); if (kv[0]) { params[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || ""); }
  });
  var W = {langs: [["vi", "Tiếng Việt"], ["en", "English"]], words: {}};
  try { W = JSON.parse(document.getElementById("words").textContent); } catch (e) {}
  var codes = W.langs.map(function (l) { return l[0]; });
  for (var wl in W.words) { if (W.words.hasOwnProperty(wl)) { T[wl] = W.words[wl]; } }
  function present(c) { return codes.indexOf(c) >= 0; }
  function fromBrowser() {
    var nav = (navigator.language || "vi").toLowerCase().replace("-", "_");
    for (var i = 0; i < codes.length; i++) {
      if (nav === codes[i].toLowerCase() || nav.split("_")[0] === codes[i].toLowerCase()) { return codes[i]; }
    }
    return present("en") ? "en" : codes[0];
  }
  var lang = present(store.get("lang")) ? store.get("lang") : fromBrowser();
  if (present(params.lang)) { lang = params.lang; }
  var code = (params.c || store.get("code") || "").toUpperCase();
  if (params.c && store.get("code") && params.c.toUpperCase() !== store.get("code")) { store.set("token", null); }
  var token = store.get("token");
  var nick = store.get("nick") || "";
  var state = null, ws = null, polling = false, wsFails = 0, everOpen = false, retry = 0, seq = 0, online = false;
  var pollVersion = -1, pendingJoin = null;

  function t(k) { return (T[lang] && T[lang][k]) || T.en[k] || k; }
  function text(obj) { if (!obj) { return ""; } return obj[lang] || obj.en || obj.vi || ""; }
  function nextLang() { return codes[(codes.indexOf(lang) + 1) % codes.length]; }

  function applyLang() {
    document.documentElement.lang = lang;
    var next = nextLang();  /* the button goes round every language present; it shows the next one */
    $("lang").textContent = next.toUpperCase();
    $("lang").title = (W.langs[codes.indexOf(next)] || [next, next])[1];
    var els = document.querySelectorAll("[data-t]");
    for (var i = 0; i < els.length; i++) { els[i].textContent = t(els[i].getAttribute("data-t")); }
    setOnline(online);
    render();
  }
  function setOnline(on) { online = on; var s = $("status"); s.textContent = t(on ? "online" : "offline"); s.className = "status" + (on ? "" : " off"); }
  function show(id) { ["join", "wait", "vote", "reveal"].forEach(function (s) { $(s).hidden = s !== id; }); }
  function showError(c) { var e = $("error"); e.textContent = T.en["e_" + c] ? t("e_" + c) : t("e_other"); e.hidden = false; }
  function clearError() { $("error").hidden = true; }

  function saved() { try { return JSON.parse(store.get("vote") || "null") || {}; } catch (e) { return {}; } }
  function myVote() {
    var v = saved();
    return state && state.d && v.c === code && v.d === state.d ? v.choice : null;
  }
  function letterOf(id) { var o = (state.options || []).filter(function (x) { return x.id === id; })[0]; return o ? o.letter : "?"; }

  function render() {
    if (!token) { show("join"); $("code").value = code; $("nick").value = nick; return; }
    if (!state) { show("wait"); $("hello").textContent = fmt(t("hello"), "n", nick); $("wait-text").textContent = t("wait"); return; }
    $("hello").textContent = fmt(t("hello"), "n", nick);
    var ph = state.phase;
    if (ph === "voting" || ph === "locked") {
      show("vote");
      $("scn").textContent = text(state.title);
      $("decision-no").textContent = fmt(t("decision"), "n", state.n);
      $("discuss").textContent = text(state.discuss) || t("discuss");
      var box = $("options"); box.innerHTML = "";
      var mine = myVote() || state.mine;
      (state.options || []).forEach(function (o) {
        var b = document.createElement("button");
        b.type = "button"; b.className = "option" + (o.id === mine ? " mine" : "");
        b.setAttribute("data-choice", o.id);
        var l = document.createElement("span"); l.className = "letter"; l.textContent = o.letter;
        var s = document.createElement("span"); s.textContent = text(o.text);
        b.appendChild(l); b.appendChild(s);
        b.disabled = ph !== "voting";
        b.addEventListener("click", function () { vote(o.id); });
        box.appendChild(b);
      });
      $("vote-note").textContent = ph === "locked" ? t("locked") : (mine ? fmt(t("note_mine"), "l", letterOf(mine)) : t("note_none"));
    } else if (state.reveal) {
      show("reveal");
      var box2 = $("answers"); box2.innerHTML = "";
      var mine2 = myVote() || state.mine;
      if (state.taken) {
        var p = document.createElement("p"); p.className = "label"; p.textContent = fmt(t("taken"), "l", letterOf(state.taken)); box2.appendChild(p);
      }
      state.reveal.forEach(function (r) {
        var o = (state.options || []).filter(function (x) { return x.id === r.id; })[0] || {letter: "?", text: {}};
        var d = document.createElement("div");
        d.className = "answer " + r.safety + (r.id === state.taken ? " taken" : "");
        d.setAttribute("data-answer", r.id);
        var h = document.createElement("h2");
        h.textContent = o.letter + " · " + t(r.safety) + (r.id === mine2 ? " " + t("mine") : "");
        d.appendChild(h);
        var q = document.createElement("p"); q.textContent = text(o.text); d.appendChild(q);
        if (text(r.explanation)) { var ex = document.createElement("p"); ex.className = "muted"; ex.textContent = text(r.explanation); d.appendChild(ex); }
        (r.flags || []).forEach(function (f) {
          var fp = document.createElement("p"); fp.className = "flag";
          var b = document.createElement("b"); b.textContent = t("flag") + ": " + text(f.name);
          fp.appendChild(b); fp.appendChild(document.createTextNode(" " + text(f.explanation)));
          d.appendChild(fp);
        });
        box2.appendChild(d);
      });
    } else {
      show("wait");
      $("wait-text").textContent = ph === "ended" ? t("ended") : ph === "lobby" ? t("lobby") : t("wait");
    }
  }

  function onMessage(m) {
    if (m.t === "welcome") {
      token = m.token; nick = m.nick; store.set("token", token); store.set("nick", nick); store.set("code", code);
      clearError();
    } else if (m.t === "state") {
      state = m; pollVersion = m.v;
      var v = saved();
      if (m.d && (v.c !== code || v.d !== m.d)) { store.set("vote", null); }  // a new decision starts empty
      var mine = myVote();
      if (m.phase === "voting" && mine && m.mine !== mine) { send({t: "vote", step: m.step, d: m.d, choice: mine, n: ++seq}); }
    } else if (m.t === "voted") {
      if (state) { state.mine = m.choice; }
    } else if (m.t === "error") {
      if (m.code === "unknown_token") {
        token = null; store.set("token", null);
      }
      if (m.code === "locked" && state) { state.phase = "locked"; }
      if (m.code !== "unknown_token") { showError(m.code); }
    }
    render();
  }

  function greet() {
    if (pendingJoin) { send(pendingJoin); pendingJoin = null; }
    else if (token) { send({t: "hello", code: code, token: token}); }
  }

  function send(m) {
    if (polling) { post(m); return; }
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(m)); }
  }

  function connect() {
    if (polling) { return; }
    if (ws && (ws.readyState === 0 || ws.readyState === 1)) { return; }
    if (!window.WebSocket) { startPolling(); return; }
    var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    try { ws = new WebSocket(url); } catch (e) { wsFails++; schedule(); return; }
    ws.onopen = function () { everOpen = true; wsFails = 0; retry = 0; setOnline(true); greet(); };
    ws.onmessage = function (e) { try { onMessage(JSON.parse(e.data)); } catch (err) {} };
    ws.onclose = function () { setOnline(false); if (!everOpen) { wsFails++; } schedule(); };
  }
  function schedule() {
    if (!everOpen && wsFails >= 3) { startPolling(); return; }
    retry = Math.min(retry + 1, 5);
    setTimeout(connect, 400 * retry);
  }

  // The polling fallback, for networks or proxies that block WebSockets.
  function xhr(method, url, body, done) {
    var r = new XMLHttpRequest();
    r.open(method, url, true);
    r.timeout = 25000;
    r.onload = function () { var d = null; try { d = JSON.parse(r.responseText); } catch (e) {} setOnline(true); done(d); };
    r.onerror = r.ontimeout = function () { setOnline(false); done(null); };
    if (body) { r.setRequestHeader("Content-Type", "application/json"); }
    r.send(body ? JSON.stringify(body) : null);
  }
  function post(m) {
    if (m.t === "vote") { m.token = token; }
    xhr("POST", "/api/msg", m, function (d) {
      if (!d) { return; }
      if (d.replies) { d.replies.forEach(onMessage); } else if (d.t === "error") { onMessage(d); }
    });
  }
  function startPolling() {
    if (polling) { return; }
    polling = true; greet(); poll();
  }
  function poll() {
    xhr("GET", "/api/state?v=" + pollVersion + (token ? "&token=" + token : ""), null, function (d) {
      if (d && d.t === "state") { onMessage(d); }
      setTimeout(poll, d ? 100 : 2000);
    });
  }

  function vote(id) {
    if (!state || state.phase !== "voting") { return; }
    store.set("vote", JSON.stringify({c: code, d: state.d, choice: id}));
    state.mine = id;
    render();
    send({t: "vote", step: state.step, d: state.d, choice: id, n: ++seq});
  }

  $("join-form").addEventListener("submit", function (e) {
    e.preventDefault(); clearError();
    code = $("code").value.replace(/\s+/g, "").toUpperCase();
    nick = $("nick").value;
    var m = {t: "join", code: code, nick: nick};
    if (polling || (ws && ws.readyState === 1)) { send(m); } else { pendingJoin = m; connect(); }
  });
  $("lang").addEventListener("click", function () { lang = nextLang(); store.set("lang", lang); applyLang(); });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { retry = 0; connect(); } });
  window.addEventListener("online", function () { retry = 0; connect(); });
  setInterval(function () { if (ws && ws.readyState === 1) { ws.send('{"t":"ping"}'); } }, 20000);

  applyLang();
  connect();
})();
