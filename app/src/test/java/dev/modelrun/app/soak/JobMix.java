package dev.modelrun.app.soak;

import dev.modelrun.app.soak.Submission.CsvJob;
import dev.modelrun.app.soak.Submission.CsvJob.Point;
import dev.modelrun.app.soak.Submission.Sentence;
import dev.modelrun.app.soak.Submission.SentimentJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The jobs the clients send: half text jobs of 1-5 items, 30% embedded jobs of 1-3 items, 20% CSV uploads of 50-200
 * rows; items are random sentences of known sentiment, rows random whole-number points.
 */
final class JobMix {
  private static final Sentence[] SENTENCES = Sentence.values();

  Submission next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int dice = random.nextInt(100);
    if (dice < 50) {
      return new SentimentJob(false, Submission.itemsOf(sentences(random, 1 + random.nextInt(5))));
    }
    if (dice < 80) {
      return new SentimentJob(true, Submission.itemsOf(sentences(random, 1 + random.nextInt(3))));
    }
    int rows = 50 + random.nextInt(151);
    List<Point> points = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      points.add(new Point(random.nextLong(-100_000, 100_001), random.nextLong(-100_000, 100_001)));
    }
    return new CsvJob(points);
  }

  private static List<Sentence> sentences(ThreadLocalRandom random, int count) {
    List<Sentence> sentences = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sentences.add(SENTENCES[random.nextInt(SENTENCES.length)]);
    }
    return sentences;
  }
}
