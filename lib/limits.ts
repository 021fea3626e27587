/** Limits shared by browser and server. The server enforces them; the UI only helps. */
export const LIMITS = {
  noteTextChars: 2000,
  notesPerWorkshop: 10_000,
  personasPerWorkshop: 24,
  groupsPerWorkshop: 500,
  groupNameChars: 60,
  scenarioChars: 2000,
  journeyStepsPerWorkshop: 200,
  journeyStepTitleChars: 120,
  questionsPerWorkshop: 500,
  actionsPerWorkshop: 500,
  questionTextChars: 500,
  actionTextChars: 500,
  actionOwnerNameChars: 80,
  titleChars: 120,
  personaNameChars: 80,
  participantNameChars: 40,
  /** Encoded size of one workshop's Yjs state. */
  docBytes: 8 * 1024 * 1024,
  /**
   * Largest single WebSocket message the Yjs endpoint accepts by default (fragments together): an
   * update as large as the whole board, plus room for its framing.
   */
  wsMaxPayloadBytes: 9 * 1024 * 1024,
  /** socket.io `maxHttpBufferSize`. */
  controlMaxPayloadBytes: 64 * 1024,
} as const;
