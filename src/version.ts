// The package version, also part of every render cache key (a new renderer redraws everything).
export const VERSION = '0.1.0';
