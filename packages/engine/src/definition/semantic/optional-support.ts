/**
 * A definition that needs JSONata while only the core entry is loaded (no jsonata library
 * installed) is refused here, before anything tries to parse an expression, with one diagnostic at
 * each QueryLanguage field that makes a state JSONata: the machine's when states inherit it, a
 * state's own otherwise. Refusing up front beats running: a JSONata state whose expressions were
 * never checked would otherwise fail only when an execution reaches it.
 */
import { JSONATA_NOT_LOADED, jsonataLibrary } from '../../dataflow/jsonata-library.ts';
import { Codes, childPointer, error, isObject, type Diagnostic } from '../diagnostics.ts';
import type { MachineModel } from '../model.ts';

export function checkJsonataLoaded(model: MachineModel, diagnostics: Diagnostic[]): void {
  if (jsonataLibrary() !== undefined) return;
  const reported = new Set<string>();
  for (const state of model.states) {
    if (state.queryLanguage !== 'JSONata') continue;
    const own = isObject(state.value) && 'QueryLanguage' in state.value;
    // States inherit the machine's QueryLanguage, never a Parallel's or Map's (see model.ts).
    const holder = own ? (state.value as Record<string, unknown>) : model.root.value;
    // Any other value (a typo, "jsonata") already has its own enum diagnostic; it does not ask for JSONata.
    if (holder.QueryLanguage !== 'JSONata') continue;
    const pointer = childPointer(own ? state.pointer : '', 'QueryLanguage');
    if (reported.has(pointer)) continue;
    reported.add(pointer);
    diagnostics.push(error(Codes.jsonataNotLoaded, `This ${own ? 'state' : 'state machine'} uses JSONata. ${JSONATA_NOT_LOADED}`, pointer));
  }
}

