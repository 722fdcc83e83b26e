/** The annual module's public face: what other modules may use. Nothing else of it is imported from outside. */
export {};
