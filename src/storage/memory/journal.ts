/**
 * The in-memory stand-in for a transaction's rollback: every change made through it can be undone,
 * so a turn that throws halfway leaves nothing behind.
 */
export class Journal {
  private undos: (() => void)[] = [];

  assign<T extends object>(target: T, patch: Partial<T>): void {
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, target[k as keyof T]])) as Partial<T>;
    Object.assign(target, patch);
    this.undos.push(() => Object.assign(target, before));
  }

  push<T>(list: T[], item: T): void {
    list.push(item);
    this.undos.push(() => {
      const i = list.lastIndexOf(item);
      if (i >= 0) list.splice(i, 1);
    });
  }

  set<K, V>(map: Map<K, V>, key: K, value: V): void {
    const had = map.has(key);
    const before = map.get(key);
    map.set(key, value);
    this.undos.push(() => (had ? map.set(key, before as V) : map.delete(key)));
  }

  delete<K, V>(map: Map<K, V>, key: K): void {
    if (!map.has(key)) return;
    const before = map.get(key) as V;
    map.delete(key);
    this.undos.push(() => map.set(key, before));
  }

  rollback(): void {
    for (const undo of this.undos.reverse()) undo();
    this.undos = [];
  }
}
