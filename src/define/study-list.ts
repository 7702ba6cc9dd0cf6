import { AvaraStudyList } from '../elements/study-list/study-list.js';
import { define } from './define.js';

define('avara-study-list', AvaraStudyList);

declare global {
  interface HTMLElementTagNameMap {
    'avara-study-list': AvaraStudyList;
  }
}

export { AvaraStudyList };
