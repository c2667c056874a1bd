/**
 * `promise`, started now so that it runs beside other work, and awaited later. Its rejection is
 * marked handled at once: one that comes before the await, or where the await never comes (the
 * run failed first), is not reported as unhandled. Whoever awaits it still gets the rejection.
 */
export function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {})
  return promise
}
