/*
 * 미납 협상 코치 — embedding on another site, the private way.
 *
 *   <div id="minap-coach-frame" data-height="640"></div>
 *   <script src="https://coach.example/chat/embed.js" defer></script>
 *
 * The chat runs in an iframe served by the coach's own server, so its conversation id and the
 * messages stay in the coach's origin, out of the host page's reach (widget.js embedded directly
 * would keep them in the host page's localStorage). The coach's server must list the host site
 * in credentials.yml (`frame_ancestors` of channels.webchat.WebChatInput), or the browser refuses
 * to show the frame.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script && script.src ? new URL(script.src).origin : window.location.origin;

  function start() {
    var holder = document.getElementById("minap-coach-frame");
    if (!holder) {
      holder = document.createElement("div");
      holder.id = "minap-coach-frame";
      document.body.appendChild(holder);
    }
    var frame = document.createElement("iframe");
    frame.src = base + "/chat";
    frame.title = "미납 협상 코치";
    frame.setAttribute("allow", "clipboard-write");
    frame.setAttribute("width", "100%");
    frame.setAttribute("height", holder.getAttribute("data-height") || "640");
    frame.setAttribute("frameborder", "0");
    holder.appendChild(frame);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
