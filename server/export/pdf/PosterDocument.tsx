import { Document } from '@react-pdf/renderer';
import type { ExportModel } from '../exportModel';
import { CoverPage } from './CoverPage';
import { PersonaPage } from './PersonaPage';
import { PlanPage, hasPlan } from './PlanPage';

/**
 * The printable result of a workshop: a cover, then per persona its poster (or more pages) and,
 * when it has any, a page with its scenario, journey, open questions and action plan.
 */
export function PosterDocument({ model }: { model: ExportModel }) {
  return (
    <Document title={model.title} author="Persona Workshop" creator="Persona Workshop" producer="Persona Workshop" language={model.locale}>
      <CoverPage model={model} />
      {model.personas.flatMap((persona, index) => [
        <PersonaPage key={persona.id} persona={persona} index={index} total={model.personas.length} workshopTitle={model.title} />,
        hasPlan(persona) ? <PlanPage key={`${persona.id}-plan`} persona={persona} workshopTitle={model.title} /> : null,
      ])}
    </Document>
  );
}
