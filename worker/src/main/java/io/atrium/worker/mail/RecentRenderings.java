package io.atrium.worker.mail;

import io.atrium.common.mail.MailTemplates;
import io.atrium.common.mail.RenderedMail;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last few messages rendered, by template and variables: the thousands of mails of one
 * notification carry the same variables, so they share one rendering instead of running the three
 * templates each. Mails with values of their own (a token, a name) simply miss.
 */
final class RecentRenderings {
  private static final int SIZE = 32;

  private final MailTemplates templates;
  private final Map<Key, RenderedMail> recent = new ConcurrentHashMap<>();

  RecentRenderings(MailTemplates templates) {
    this.templates = templates;
  }

  RenderedMail render(String template, Map<String, Object> variables) {
    Key key = new Key(template, variables);
    RenderedMail rendered = recent.get(key);
    if (rendered == null) {
      rendered = templates.render(template, variables);
      if (recent.size() >= SIZE) {
        recent.clear(); // crude, but a fan-out's one entry is back after a single miss
      }
      recent.put(key, rendered);
    }
    return rendered;
  }

  private record Key(String template, Map<String, Object> variables) {}
}
