/**
 * The request header our server sets on a projector page's request with the workshop's
 * language (and strips from every incoming request, so a browser cannot set it).
 */
export const WORKSHOP_LOCALE_HEADER = 'x-workshop-locale';
