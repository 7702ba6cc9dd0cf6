import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where a task is: not started (or nothing to fetch), running, done, or failed. As in @lit/task. */
export const TaskStatus = { INITIAL: 0, PENDING: 1, COMPLETE: 2, ERROR: 3 } as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

/** What a task returns when there is nothing to fetch: its status goes back to INITIAL. */
export const initialState = Symbol();

export interface FetchTaskConfig<A extends readonly unknown[], R> {
  /** What the fetch depends on; it runs again when one of them changes (compared with `!==`). */
  args: () => A;
  task: (args: A, options: { signal: AbortSignal }) => Promise<R | typeof initialState>;
  onComplete?: (value: R) => void;
  onError?: (error: unknown) => void;
}

/**
 * One fetch of an element: the part of @lit/task's `Task` the elements use, with the same names,
 * in a fraction of its size. It runs before an update when its args changed, hands the fetch an
 * `AbortSignal` that aborts when a newer run starts (a stale answer is dropped), and
 * `taskComplete` settles when the newest run does.
 */
export class FetchTask<A extends readonly unknown[], R> implements ReactiveController {
  status: TaskStatus = TaskStatus.INITIAL;
  value: R | undefined;
  error: unknown;
  /** Settles with the newest run. */
  taskComplete: Promise<R | undefined> = Promise.resolve(undefined);
  #host: ReactiveControllerHost;
  #config: FetchTaskConfig<A, R>;
  #args: A | undefined;
  #abort: AbortController | undefined;

  constructor(host: ReactiveControllerHost, config: FetchTaskConfig<A, R>) {
    this.#host = host;
    this.#config = config;
    host.addController(this);
  }

  hostUpdate(): void {
    const args = this.#config.args();
    const previous = this.#args;
    if (!previous || args.some((v, i) => v !== previous[i])) void this.run(args);
  }

  /** Runs the fetch now (Retry), with the current args unless given others. Never rejects; see `error`. */
  run(args: A = this.#config.args()): Promise<void> {
    const { task, onComplete, onError } = this.#config;
    this.#args = args;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const current = () => this.#abort === abort;
    this.status = TaskStatus.PENDING;
    this.#host.requestUpdate();
    const fail = (error: unknown): never | Promise<R | undefined> => {
      if (!current()) return this.taskComplete;
      onError?.(error);
      this.status = TaskStatus.ERROR;
      this.value = undefined;
      this.error = error;
      this.#host.requestUpdate();
      throw error;
    };
    const run: Promise<R | undefined> = task(args, { signal: abort.signal }).then((value) => {
      if (!current()) return this.taskComplete;
      if (value === initialState) this.status = TaskStatus.INITIAL;
      else {
        // An answer onComplete cannot take (a malformed body, say) fails the task like a failed
        // request: an error state with Retry, never a spinner that stays.
        try {
          onComplete?.(value);
        } catch (error) {
          return fail(error);
        }
        this.status = TaskStatus.COMPLETE;
        this.value = value;
        this.error = undefined;
      }
      this.#host.requestUpdate();
      return this.value;
    }, fail);
    this.taskComplete = run;
    return run.then(
      () => {},
      () => {},
    );
  }
}
