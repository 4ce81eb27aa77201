import { AnswersFile } from '../../model/answers.js';
import { loadValidatedFile } from '../config/load-file.js';

/** Reads and validates an answers file (YAML or JSON); throws one ConfigError naming the file and field. */
export async function loadAnswersFile(path: string, baseDir: string): Promise<AnswersFile> {
  return loadValidatedFile(AnswersFile, path, baseDir, 'answers file');
}
