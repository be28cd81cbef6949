/**
 * One render per object per synthesis. cdk8s validates the whole app before rendering, and does so again for every
 * chart it renders (`App.synthYaml` and `App.synth` call `chart.toJson()`, which is `App._synthChart`: validate, then
 * render), so a validation that renders an object (the synth validation of built-in kinds, Pod Security, a
 * construct reading its own output) would render it several times per `synth`. Within one synthesis call nothing
 * changes between the validation and the render (no user code runs), so the JSON rendered by the first of them is
 * shared by the others. Outside a synthesis call (`apiObject.toJson()` in user code, `node.validate()`), and in the
 * next synthesis, every object renders afresh: a cached render can never show an object as it was before a change.
 *
 * Synthesis calls are recognised by wrapping `App.prototype.synth`, `App.prototype.synthYaml` and
 * `App._synthChart` of the cdk8s module this library loads (behaviour unchanged: a depth counter around the call).
 * With another copy of cdk8s the wrappers are simply not reached and every render is fresh.
 */
import { ApiObject, App } from 'cdk8s';

const HOOKED = Symbol.for('cdk8s-calico.synth-render-cache');

let depth = 0;
let generation = 0;

function hook(target: any, key: string): void {
  const original = target?.[key];
  if (typeof original !== 'function' || original[HOOKED]) return;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    if (depth++ === 0) generation++;
    try {
      return original.apply(this, args);
    } finally {
      depth--;
    }
  };
  Object.defineProperty(wrapped, HOOKED, { value: true });
  target[key] = wrapped;
}

hook(App.prototype, 'synth');
hook(App.prototype, 'synthYaml');
hook(App, '_synthChart');

interface Entry<T> {
  readonly generation: number;
  readonly value: T;
}

/** The synthesis call in progress, or `undefined` outside one. */
function current(): number | undefined {
  return depth > 0 ? generation : undefined;
}

const RENDERS = new WeakMap<ApiObject, Entry<unknown>>();
const WRAPPED = new WeakSet<ApiObject>();

/**
 * `obj.toJson()`, rendered at most once per synthesis call: within a call, the first render (by this function or by
 * any `toJson()` caller once this function has seen the object) is returned to every later caller of the same call.
 */
export function renderOncePerSynth(obj: ApiObject): unknown {
  const at = current();
  const cached = RENDERS.get(obj);
  if (at !== undefined && cached?.generation === at) return cached.value;
  const json = obj.toJson();
  if (at !== undefined) {
    RENDERS.set(obj, { generation: at, value: json });
    shareRenders(obj);
  }
  return json;
}

/** Makes `obj.toJson()` return the render of the current synthesis call, once there is one. */
function shareRenders(obj: ApiObject): void {
  if (WRAPPED.has(obj)) return;
  WRAPPED.add(obj);
  const render = obj.toJson;
  obj.toJson = function sharedRender(this: ApiObject): any {
    const at = current();
    const cached = RENDERS.get(obj);
    if (at !== undefined && cached?.generation === at) return cached.value;
    return render.call(obj);
  };
}

const RESULTS = new WeakMap<object, Entry<unknown>>();

/**
 * `compute()` at most once per synthesis call and key (cdk8s runs each validation once per chart it renders);
 * outside a synthesis call, every time.
 */
export function oncePerSynth<T>(key: object, compute: () => T): T {
  const at = current();
  const cached = RESULTS.get(key);
  if (at !== undefined && cached?.generation === at) return cached.value as T;
  const value = compute();
  if (at !== undefined) RESULTS.set(key, { generation: at, value });
  return value;
}
