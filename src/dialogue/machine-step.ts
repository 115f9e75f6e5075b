import { createActor, type ActorScope, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject, type Snapshot } from 'xstate';

/**
 * Machine steps as pure functions: restore a persisted snapshot, apply events, persist again —
 * without an actor per machine per turn. `createActor` (and XState's own `transition()`, which
 * makes an inert actor on every call) computes a whole initial state in the constructor, which was
 * about a third of a turn's engine time; one actor scope per machine, made once, serves every
 * step instead. The kefu machines are pure (their actions are `assign`s, no children, no delays),
 * so the scope's `self` and system are never read by a step; actions a machine does queue run at
 * once, as an actor would run them.
 *
 * Unlike an actor, which swallows an exception of a guard or action into an error snapshot and
 * rethrows it later from a timer (taking the process down), a step throws to its caller, so the
 * turn fails cleanly and the server answers with its fallback.
 */
const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

function scopeOf(machine: AnyStateMachine): AnyActorScope {
  const known = scopes.get(machine);
  if (known !== undefined) return known;
  // The actor only lends its identity and system; it is never started.
  const self = createActor(machine);
  const scope: AnyActorScope = {
    self,
    id: self.id,
    sessionId: self.sessionId,
    logger: () => {},
    defer: (fn) => fn(),
    system: self.system,
    stopChild: () => {},
    emit: () => {},
    actionExecutor: (action) => {
      action.exec?.(action.info, action.params);
    },
  };
  scopes.set(machine, scope);
  return scope;
}

/** A persisted snapshot brought back to life, or the machine's initial state for `input`. */
export function restoreMachine(machine: AnyStateMachine, persisted: unknown, input?: unknown): AnyMachineSnapshot {
  const scope = scopeOf(machine) as ActorScope<AnyMachineSnapshot, EventObject>;
  return persisted === undefined || persisted === null ? machine.getInitialSnapshot(scope, input) : machine.restoreSnapshot(persisted as Snapshot<unknown>, scope);
}

/** The snapshot after `event` (a macrostep, as an actor's `send` would take). */
export function stepMachine(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot {
  return machine.transition(snapshot, event, scopeOf(machine) as ActorScope<AnyMachineSnapshot, EventObject>);
}

/** What a store keeps of a snapshot (the same JSON an actor's getPersistedSnapshot gives). */
export function persistMachine(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): unknown {
  return machine.getPersistedSnapshot(snapshot);
}
