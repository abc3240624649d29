/**
 * The names AWS gives state machines and executions. CreateStateMachine and StartExecution
 * accept the same names (both refuse others with InvalidName): 1 to 80 characters, without
 * white space, brackets, wildcards, the special characters " # % \\ ^ | ~ ` $ & , ; : /, control
 * characters or unpaired surrogates (the API reference, for both).
 */

const MAX_NAME_LENGTH = 80;

// With the u flag a surrogate pair is one character: only unpaired surrogates match \ud800-\udfff.
const REFUSED_CHARACTER = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f\ufffe\uffff\ud800-\udfff]/u;
const REFUSED_CHARACTERS = new RegExp(REFUSED_CHARACTER.source, 'gu');

/** Why AWS would refuse this name for a state machine or an execution, or undefined. */
export function nameProblem(name: string): string | undefined {
  // JavaScript callers can pass anything; a number would otherwise pass as its digits.
  if (typeof name !== 'string') return `it is ${name === null ? 'null' : `a ${typeof name}`}, not a string`;
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return `it has ${name.length} characters; a name has 1 to ${MAX_NAME_LENGTH}`;
  const bad = REFUSED_CHARACTER.exec(name);
  if (!bad) return undefined;
  const character = bad[0];
  const shown = /[\s\u0000-\u001f\u007f-\u009f\ufffe\uffff\ud800-\udfff]/.test(character) ? `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : `'${character}'`;
  return `it contains ${shown}; a name may not contain white space, brackets, wildcards, the characters " # % \\ ^ | ~ \` $ & , ; : / or control characters`;
}

/**
 * A name AWS accepts, made from any text (a file name, say): each character AWS refuses becomes
 * `_`, and the result is cut to 80 characters. Empty text gives an empty string, which is not a
 * name: the caller picks its own default.
 */
export function validNameFrom(text: string): string {
  let name = text.replace(REFUSED_CHARACTERS, '_').slice(0, MAX_NAME_LENGTH);
  // The cut may fall inside a surrogate pair, leaving half of it: an unpaired surrogate AWS refuses.
  if (/[\ud800-\udbff]$/.test(name)) name = name.slice(0, -1);
  return name;
}

/**
 * The machine name a definition file stands for, as the CLI and the studio give it: the file's
 * name without .asl.json, .json, .asl.yaml, .yaml or .yml, made into a name AWS accepts
 * (`my flow (v2).asl.json` → `my_flow_(v2)`), or `StateMachine` when nothing is left.
 */
export function machineNameFromFileName(fileName: string): string {
  return validNameFrom(fileName.replace(/(\.asl)?\.(json|ya?ml)$/i, '')) || 'StateMachine';
}
