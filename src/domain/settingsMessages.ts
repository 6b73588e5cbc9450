import { inLocales, type InLocales } from '../language/inLocales.js';

// The admin settings' own messages (offer policy and its buckets, escalation rules and agents'
// hours, contact policy, reminders) in Portuguese too, for the admin console. `message` stays
// English: it is the public contracts' wording. A message not listed here has no Portuguese and
// the console shows the English.
const PT: [RegExp, string][] = [
  [/^required$/, 'obrigatório'],
  [/^must be a number$/, 'deve ser um número'],
  [/^must be an integer$/, 'deve ser um número inteiro'],
  [/^must be an object$/, 'deve ser um objeto'],
  [/^must be a string$/, 'deve ser um texto'],
  [/^must be true or false$/, 'deve ser verdadeiro ou falso'],
  [/^must be a date YYYY-MM-DD$/, 'deve ser uma data AAAA-MM-DD'],
  [/^must be a time HH:MM from 00:00 to 24:00$/, 'deve ser um horário HH:MM de 00:00 a 24:00'],
  [/^must be at least fromDays$/, 'deve ser pelo menos o início da faixa (fromDays)'],
  [/^must be at least perDay$/, 'deve ser pelo menos o limite por dia (perDay)'],
  [/^must be at least (\S+)$/, 'deve ser pelo menos $1'],
  [/^must be between (\S+) and (\S+)$/, 'deve estar entre $1 e $2'],
  [/^must have at most 2 decimal places$/, 'no máximo 2 casas decimais'],
  [/^unknown field$/, 'campo desconhecido'],
  [/^at most (\d+) buckets$/, 'no máximo $1 faixas'],
  [/^at most (\d+) characters$/, 'no máximo $1 caracteres'],
  [/^at most (\d+) days$/, 'no máximo $1 dias'],
  [/^at most (\d+) local holidays$/, 'no máximo $1 feriados locais'],
  [/^at most (\d+) windows per day$/, 'no máximo $1 janelas por dia'],
  [/^must come after the previous bucket \(sorted by days, no overlap\)$/, 'deve vir depois da faixa anterior (em ordem de dias, sem sobreposição)'],
  [/^must be a list of days$/, 'deve ser uma lista de dias'],
  [/^day (\d+) is already in the list$/, 'o dia $1 já está na lista'],
  [/^must be at most graceDays \((\d+)\): .*$/, 'deve ser no máximo a carência (graceDays, $1): depois dela o acordo é rompido e a mensagem de acordo rompido substitui este lembrete'],
  [/^at least one day needs a sending window, or no proactive message could ever go out$/, 'pelo menos um dia precisa de uma janela de envio, senão nenhuma mensagem proativa sairia'],
  [/^must be a list of \{date, name, recurring\}$/, 'deve ser uma lista de {date, name, recurring}'],
  [/^must be later than from$/, 'deve ser depois do início (from)'],
  [/^must be a list of \{from, to\} windows$/, 'deve ser uma lista de janelas {from, to}'],
  [/^windows must be sorted by time$/, 'as janelas devem estar em ordem de horário'],
  [/^overlaps the previous window \((.+)\)$/, 'sobrepõe a janela anterior ($1)'],
  [/^must be an IANA time zone such as America\/Sao_Paulo$/, 'deve ser um fuso horário IANA, como America/Sao_Paulo'],
];

/** A settings message in both languages; undefined when it is not one of the settings' own. */
export function settingMessageInLocales(message: string): InLocales | undefined {
  for (const [re, pt] of PT) if (re.test(message)) return inLocales(message, message.replace(re, pt));
  return undefined;
}

/** A settings form's field error, with its words in Portuguese when the settings have them. */
export function settingError(field: string, message: string): { field: string; message: string; messages?: InLocales } {
  const messages = settingMessageInLocales(message);
  return messages ? { field, message, messages } : { field, message };
}
