import type { ChannelLike, TabsEnv } from './tabs-env';
import { fromWire, toWire } from './tabs-messages';
import type { PublishedToken, TabsMessage } from './tabs-messages';

/**
 * Longest a refreshing tab keeps the lock waiting for its token message to go round: in a
 * browser it takes well under a millisecond; the bound only matters if the channel is broken.
 */
const ECHO_LIMIT_MS = 1000;

/**
 * The coordinator's BroadcastChannel, open while at least one attach uses the coordinator (an
 * open channel keeps a Node process alive, and a detached app has nothing to hear).
 */
export class TabsChannel {
  private channel: ChannelLike | undefined = undefined;

  constructor(
    private readonly env: TabsEnv,
    private readonly name: string,
    private readonly onMessage: (message: TabsMessage) => void,
  ) {}

  /** Opens it if closed; throws what the platform threw (an opaque origin, say). */
  open(): void {
    if (this.channel) return;
    const channel = this.env.openChannel(this.name);
    channel.onmessage = (event) => {
      const message = fromWire(event.data);
      if (message) this.onMessage(message);
    };
    this.channel = channel;
  }

  close(): void {
    this.channel?.close();
    this.channel = undefined;
  }

  /** Tells the other tabs; false when the channel is closed or refused the message. */
  post(message: TabsMessage): boolean {
    if (!this.channel) return false;
    try {
      this.channel.postMessage(toWire(message));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Posts a token and settles once a second channel of this tab has received it: by then the
   * browser has handed it to every other tab, so a tab granted the lock after this one releases
   * it finds the token already delivered (or one turn away).
   */
  publish(published: PublishedToken): Promise<void> {
    let echo: ChannelLike;
    try {
      echo = this.env.openChannel(this.name);
    } catch {
      this.post({ kind: 'token', ...published });
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        echo.close();
        resolve();
      };
      const timer = setTimeout(done, ECHO_LIMIT_MS);
      echo.onmessage = (event) => {
        const message = fromWire(event.data);
        if (message && message.kind === 'token' && message.generation === published.generation) done();
      };
      if (!this.post({ kind: 'token', ...published })) done();
    });
  }
}
