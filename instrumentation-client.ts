// Runs in the browser before the app's own code and before hydration (Next.js file convention).
import './lib/zodBrowser';
