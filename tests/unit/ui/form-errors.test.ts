/**
 * The error summary's lines (ui/form-errors.ts summaryItems): every refusal, in the form's order,
 * each named by its field's label and linked to its input, the limit said; a refusal no field
 * takes comes first, unlinked, so none is silent.
 */
import { describe, expect, it } from 'vitest';
import { summaryItems } from '../../../src/ui/form-errors';

const fields = {
  name: { id: 'perimeter-name', label: 'Nom du périmètre' },
  places: { id: 'places', label: 'Rues et bâtiments' },
  'places.1': { id: 'place-1', label: 'Rue ou bâtiment n° 2' },
  founders: { id: 'founders', label: 'Personnes' },
};

describe('summaryItems', () => {
  it('lists every refusal in the order of the form, with its label, its limit and its input', () => {
    expect(
      summaryItems(
        [
          { field: 'founders.0.place', code: 'place-unknown' },
          { field: 'places.1', code: 'too-long', max: 80 },
          { field: 'name', code: 'required' },
          { field: '', code: 'perimeter-exists' },
        ],
        fields,
      ),
    ).toEqual([
      { text: 'Un périmètre existe déjà sur cette tablette.' },
      { text: 'Nom du périmètre : Ce champ est à remplir.', target: 'perimeter-name' },
      { text: 'Rue ou bâtiment n° 2 : C’est trop long : 80 caractères au plus.', target: 'place-1' },
      // No input of its own: the nearest enclosing field takes it.
      { text: 'Personnes : Choisissez une rue ou un bâtiment de la liste.', target: 'founders' },
    ]);
  });

  it('is empty when nothing was refused', () => {
    expect(summaryItems([], fields)).toEqual([]);
  });
});
