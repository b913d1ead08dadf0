// The annotator's engine worker: runs web/engine.wasm (cmd/engine) and
// relays messages between it and the page. Messages that arrive while the
// wasm is still loading are kept and handed over in order once it starts.
"use strict";
importScripts("../wasm_exec.js");

const pending = [];
let receive = null;
self.onmessage = (e) => {
  if (receive) receive(e.data);
  else pending.push(e.data);
};
self.glossEngine = {
  // Called by the Go program once it can take messages.
  start(fn) {
    receive = fn;
    for (const m of pending.splice(0)) fn(m);
  },
};

const go = new Go();
const url = new URL("engine.wasm", self.location.href);
WebAssembly.instantiateStreaming(fetch(url), go.importObject)
  .then((r) => go.run(r.instance))
  .catch((err) => {
    // A batch of one "ready" response with an error, in the form of
    // workspace.EncodeBatch and EngineResponse.Encode.
    const str = (s) => new TextEncoder().encode(s).length + ":" + s;
    const msg = "the analysis engine could not be loaded: " + err;
    postMessage(str(str("ready") + str(msg) + str("") + str("") + str("") + "0,0,0,"));
  });
