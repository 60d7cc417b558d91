/**
 * The fake browser's `runtime.sendMessage` passes an empty sender; Chromium passes our extension's
 * id, which the router checks. This one helper makes the fake behave like the browser, so a change
 * in the fake's semantics touches one place.
 */
import { fakeBrowser } from 'wxt/testing';

export function installFakeMessaging(sender: { id?: string } = { id: fakeBrowser.runtime.id }): void {
  fakeBrowser.runtime.sendMessage = (async (message: unknown) => {
    const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender);
    return answers.find((answer: unknown) => answer !== undefined);
  }) as typeof fakeBrowser.runtime.sendMessage;
}
