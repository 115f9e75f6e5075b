import Database from 'better-sqlite3';
import express from 'express';
import { loadIntentData } from '../src/nlu/dataset.ts';
import { createNlpjsPeer } from './nlpjs-peer.ts';

/**
 * The peer of the HTTP bench: the ~30-line bot a shop might write instead of running kefu.
 * Express, NLP.js classifying the buyer's message (trained on kefu's intent data), a canned
 * answer per intent, and one SQLite transaction per turn storing the buyer message and the
 * answer, with kefu's default durability (WAL, synchronous=FULL: nothing acknowledged is lost).
 * It keeps no dialogue state, looks up no orders and checks no reply: the floor for a durable
 * bot turn, served the same requests as kefu (`POST /api/v1/conversations/:id/messages`).
 */
export async function minimalBotApp(dbPath: string): Promise<express.Express> {
  const nlp = await createNlpjsPeer();
  await nlp.compileDictionary();
  const examples = loadIntentData();
  for (const intent of new Set(examples.map((e) => e.intent))) nlp.addAnswer(intent, `亲，您的问题（${intent}）我们已经收到，马上为您处理～`);
  await nlp.train(examples);

  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS messages (
    conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq))`);
  const lastSeq = db.prepare<[string], { last: number }>('SELECT COALESCE(MAX(seq), 0) AS last FROM messages WHERE conversation_id = ?');
  const insert = db.prepare('INSERT INTO messages (conversation_id, seq, role, text, at) VALUES (?, ?, ?, ?, ?)');
  const storeTurn = db.transaction((id: string, text: string, answer: string, at: string) => {
    const seq = (lastSeq.get(id)?.last ?? 0) + 1;
    insert.run(id, seq, 'buyer', text, at);
    insert.run(id, seq + 1, 'bot', answer, at);
    return seq;
  });

  const app = express();
  app.use(express.json());
  app.post('/api/v1/conversations/:id/messages', async (req, res) => {
    const text: unknown = req.body?.text;
    if (typeof text !== 'string' || text === '') {
      res.status(400).json({ error: '请输入消息内容' });
      return;
    }
    const reply = await nlp.reply(text);
    const answer = reply.answer ?? '亲，没太明白您的意思，能换个说法吗？';
    const seq = storeTurn.immediate(req.params.id, text, answer, new Date().toISOString());
    res.json({ intent: reply.intent, answer, seq });
  });
  return app;
}
