// One message dispatcher for the service worker. It classifies the sender,
// looks the message type up in that sender kind's allow-list, validates the
// payload against its schema, runs the handler, and always answers a
// structured reply: {ok: true, ...} or {ok: false, error: {code, message}}.

import { DECODERS, SCHEMAS, senderKind } from './messages.js';

/**
 * @typedef {{ok: true, [k: string]: unknown} | {ok: false, error: {code: string, message: string, path?: string}}} Reply
 * @typedef {(msg: any, sender: chrome.runtime.MessageSender) => Promise<Reply>|Reply} Handler
 */

/**
 * @param {string} code
 * @param {string} message
 * @returns {Reply}
 */
export function errorReply(code, message) {
  return { ok: false, error: { code, message } };
}

/**
 * Creates the dispatcher.
 * @param {{
 *   handlers: Record<string, Record<string, Handler>>,
 *   runtimeId: string,
 *   extBase: string,
 *   schemas?: Record<string, Record<string, import('./validate.js').Validator>>,
 *   decoders?: typeof DECODERS,
 * }} opts
 * @returns {(msg: unknown, sender: chrome.runtime.MessageSender) => Promise<Reply>}
 */
export function createDispatcher({ handlers, runtimeId, extBase, schemas = SCHEMAS, decoders = DECODERS }) {
  return async function dispatch(wire, sender) {
    const kind = senderKind(sender, runtimeId, extBase);
    if (!kind) return errorReply('forbidden', 'Messages are accepted only from this extension.');
    if (wire === null || typeof wire !== 'object' || Array.isArray(wire)) {
      return errorReply('bad_request', 'A message must be an object.');
    }
    const type = /** @type {any} */ (wire).type;
    if (typeof type !== 'string') return errorReply('bad_request', 'A message needs a string "type".');
    const schema = Object.prototype.hasOwnProperty.call(schemas[kind] ?? {}, type) ? schemas[kind][type] : undefined;
    const handler = Object.prototype.hasOwnProperty.call(handlers[kind] ?? {}, type) ? handlers[kind][type] : undefined;
    if (!schema || !handler) {
      return errorReply('forbidden', `Message type "${type.slice(0, 32)}" is not allowed from a ${kind === 'content' ? 'content script' : 'extension page'}.`);
    }
    let msg = wire;
    const decode = Object.prototype.hasOwnProperty.call(decoders[kind] ?? {}, type) ? decoders[kind][type] : undefined;
    if (decode) {
      const d = decode(wire);
      if (!d.ok) return errorReply('bad_request', d.error);
      msg = d.value;
    }
    const problem = schema(msg, 'message');
    if (problem) return errorReply('bad_request', problem);
    try {
      const reply = await handler(msg, sender);
      if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') {
        return errorReply('internal', `The handler for "${type}" answered no reply.`);
      }
      return reply;
    } catch (e) {
      return errorReply('internal', `The handler for "${type}" failed: ${/** @type {any} */ (e)?.message ?? e}`);
    }
  };
}
