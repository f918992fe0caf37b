// Bounds of an observation, mirrored from wasm/detect/observation.go. The
// content script respects them when collecting; the service worker checks
// them again before anything reaches the core.

export const MaxScripts = 1000;
export const MaxInline = 64;
export const MaxInlineBytes = 16 << 10;
export const MaxFrames = 500;
export const MaxLinks = 10000;
export const MaxForms = 500;
export const MaxElements = 2000;
export const MaxRequests = 2000;
export const MaxTextBytes = 200;
export const MaxURLBytes = 4096;
export const MaxAttrs = 32;
export const MaxAttrBytes = 256;
export const MaxObservation = 8 << 20;
/** Event-handler and javascript: URL texts kept, and the bytes kept of each (packed into inline). */
export const MaxHandlers = 64;
export const MaxHandlerBytes = 2 << 10;
/** Controls that name a token (detect.Control) and their bounds. */
export const MaxControls = 300;
export const MaxControlAttrBytes = 512;
export const MaxControlHandler = 256;
export const MaxControlNodes = 16;
export const MaxContextText = 80;

/** Bytes of a list envelope the extension accepts (wasm/list.MaxEnvelopeBytes). */
export const MaxEnvelopeBytes = 32 << 20;
