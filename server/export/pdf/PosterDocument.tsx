import { Document } from '@react-pdf/renderer';
import type { ExportModel } from '../exportModel';
import { CoverPage } from './CoverPage';
import { PersonaPage } from './PersonaPage';

/** The printable result of a workshop: a cover, then one poster (or more pages) per persona. */
export function PosterDocument({ model }: { model: ExportModel }) {
  return (
    <Document title={model.title} author="Persona Workshop" creator="Persona Workshop" producer="Persona Workshop" language="en">
      <CoverPage model={model} />
      {model.personas.map((persona, index) => (
        <PersonaPage key={persona.id} persona={persona} index={index} total={model.personas.length} workshopTitle={model.title} />
      ))}
    </Document>
  );
}
