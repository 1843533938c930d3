// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/preact';
import { useLinkedSignal } from '~/components/calculators/shared/use-linked-state';
import { EARLY_EDIT_ATTRIBUTE, LIVE_ATTRIBUTE } from '~/components/calculators/shared/early-input';
import { URL_WRITE_DELAY_MS } from '~/components/calculators/shared/url-sync';

const schema = { n: { kind: 'number', min: 1, max: 10, integer: true }, mode: { kind: 'enum', values: ['a', 'b'] } } as const;
const defaults = { n: 1, mode: 'a' as string };

/** A minimal island: one number field, the state rendered as text, every render recorded. */
function makeIsland(afterLink?: () => Promise<void>) {
  const renders: string[] = [];
  function Island() {
    const { state, root, notices, live } = useLinkedSignal(schema, defaults, 't.', { afterLink });
    renders.push(`${state.value.n}/${state.value.mode}`);
    return (
      <div ref={root} data-testid="root">
        <input
          id="n"
          value={String(state.value.n)}
          onInput={(e) => (state.value = { ...state.value, n: Number((e.currentTarget as HTMLInputElement).value) })}
        />
        <output data-testid="state">{`${state.value.n}/${state.value.mode}`}</output>
        <output data-testid="notices">{notices.value.map((n) => n.key).join(',')}</output>
        <output data-testid="live">{String(live.value)}</output>
      </div>
    );
  }
  return { Island, renders };
}

beforeEach(() => history.replaceState(null, '', '/page/?t.n=5&t.mode=zzz&other=1#section'));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

test('renders the defaults first, then applies the link and reports what it ignored', () => {
  const { Island, renders } = makeIsland();
  const { getByTestId } = render(<Island />);
  expect(renders[0]).toBe('1/a');
  expect(getByTestId('state').textContent).toBe('5/a');
  expect(getByTestId('notices').textContent).toBe('t.mode');
  expect(getByTestId('root').hasAttribute(LIVE_ATTRIBUTE)).toBe(true);
  expect(getByTestId('live').textContent).toBe('true');
});

test('waits for the async step, then replays an early edit, which wins over the link', async () => {
  let finish!: () => void;
  const step = new Promise<void>((resolve) => (finish = resolve));
  const { Island } = makeIsland(() => step);
  const { getByTestId, container } = render(<Island />);
  const root = getByTestId('root');
  // The link is in, but the island is not live yet: the head script would still be marking edits.
  expect(getByTestId('state').textContent).toBe('5/a');
  expect(root.hasAttribute(LIVE_ATTRIBUTE)).toBe(false);
  const field = container.querySelector<HTMLInputElement>('#n')!;
  field.setAttribute(EARLY_EDIT_ATTRIBUTE, '7');
  await act(async () => {
    finish();
    await step;
  });
  expect(root.hasAttribute(LIVE_ATTRIBUTE)).toBe(true);
  expect(field.hasAttribute(EARLY_EDIT_ATTRIBUTE)).toBe(false);
  expect(getByTestId('state').textContent).toBe('7/a');
});

test('writes the URL only once live, debounced, keeping other keys and the fragment', async () => {
  vi.useFakeTimers();
  let finish!: () => void;
  const step = new Promise<void>((resolve) => (finish = resolve));
  const { Island } = makeIsland(() => step);
  const { container } = render(<Island />);
  const field = container.querySelector<HTMLInputElement>('#n')!;
  act(() => {
    field.value = '9';
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  vi.advanceTimersByTime(URL_WRITE_DELAY_MS * 2);
  // Not live yet: the link is left as it came.
  expect(location.search).toBe('?t.n=5&t.mode=zzz&other=1');
  await act(async () => {
    finish();
    await step;
  });
  act(() => {
    field.value = '3';
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  vi.advanceTimersByTime(URL_WRITE_DELAY_MS - 1);
  expect(location.search).not.toContain('t.n=3');
  vi.advanceTimersByTime(1);
  expect(new URLSearchParams(location.search).get('t.n')).toBe('3');
  expect(new URLSearchParams(location.search).get('other')).toBe('1');
  expect(location.hash).toBe('#section');
});

test('an island that goes away drops the write still waiting, so no timer outlives it', () => {
  vi.useFakeTimers();
  const { Island } = makeIsland();
  const { container, unmount } = render(<Island />);
  const field = container.querySelector<HTMLInputElement>('#n')!;
  act(() => {
    field.value = '4';
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  unmount();
  vi.advanceTimersByTime(URL_WRITE_DELAY_MS * 2);
  expect(new URLSearchParams(location.search).get('t.n')).toBe('5');
  expect(vi.getTimerCount()).toBe(0);
});

test('writes only what toLink keeps, and copy links carry the same', () => {
  vi.useFakeTimers();
  let link = '';
  function Island() {
    const { state, root, linkTo } = useLinkedSignal(schema, defaults, 't.', { toLink: (s) => ({ ...s, mode: 'a' }) });
    link = linkTo('here');
    return (
      <div ref={root}>
        <button onClick={() => (state.value = { n: 4, mode: 'b' })}>go</button>
      </div>
    );
  }
  const { getByText } = render(<Island />);
  act(() => getByText('go').click());
  vi.advanceTimersByTime(URL_WRITE_DELAY_MS);
  const params = new URLSearchParams(location.search);
  expect(params.get('t.n')).toBe('4');
  expect(params.has('t.mode')).toBe(false);
  expect(link).toContain('t.n=4');
  expect(link).not.toContain('t.mode=b');
  expect(link.endsWith('#here')).toBe(true);
});
