import type { Persona } from '../../lib/persona';
import type { DeletedPersona } from '../../lib/personaBoard';
import type { ProfileFieldKey } from '../../lib/profile';
import type { Result } from '../../lib/result';

/** Persona and profile changes a view may make; the sync layer runs them on the shared doc. */
export interface PersonaActions {
  addPersona(): Result<Persona>;
  renamePersona(id: string, name: string): Result<unknown>;
  /** Moves the persona to `toIndex` among the personas on the board. */
  reorderPersona(id: string, toIndex: number): Result<unknown>;
  /** Copies the profile, journey (steps with their notes) and plan; the empathy-map notes stay with the original. */
  duplicatePersona(id: string): Result<Persona>;
  /** Hides the persona and its notes; `restorePersona` undoes it. */
  deletePersona(id: string): Result<DeletedPersona>;
  restorePersona(id: string): Result<unknown>;
  setProfileField(personaId: string, key: ProfileFieldKey, value: string): Result<unknown>;
  setCustomFieldValue(personaId: string, fieldId: string, value: string): Result<unknown>;
  /** The id an upload returned, or null to go back to the generated avatar. */
  setPersonaPicture(personaId: string, pictureId: string | null): Result<unknown>;
  /** Facilitator only (the server refuses meta changes from participants). */
  setProfileFieldHidden(key: ProfileFieldKey, isHidden: boolean): Result<unknown>;
  /** Facilitator only. */
  addCustomProfileField(label: string): Result<unknown>;
  /** Facilitator only. */
  removeCustomProfileField(fieldId: string): Result<unknown>;
}
