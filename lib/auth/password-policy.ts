/** Shared by forms in the browser and the server; kept apart from the hashing module, which is server-only. */
export const MIN_PASSWORD_LENGTH = 12;
