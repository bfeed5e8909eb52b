package io.atrium.common.mail;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.ValueCode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Mustache over the classpath's {@code mail/} folder where a {@code {{value}}} with nothing (or
 * only blanks) behind it fails instead of rendering as empty: a mail with a hole where the link
 * should be is worse than no mail. Optional values are written inside a {@code {{#section}}}.
 */
final class StrictMustacheFactory extends DefaultMustacheFactory {
  private final boolean escapeHtml;

  StrictMustacheFactory(boolean escapeHtml) {
    super("mail");
    this.escapeHtml = escapeHtml;
  }

  @Override
  public void encode(String value, Writer writer) {
    if (escapeHtml) {
      super.encode(value, writer);
      return;
    }
    try {
      writer.write(value);
    } catch (IOException e) {
      throw new MustacheException("cannot write a value", e);
    }
  }

  @Override
  public MustacheVisitor createMustacheVisitor() {
    return new DefaultMustacheVisitor(this) {
      @Override
      public void value(TemplateContext context, String variable, boolean encoded) {
        list.add(new RequiredValueCode(context, df, variable, encoded));
      }
    };
  }

  private static final class RequiredValueCode extends ValueCode {
    RequiredValueCode(
        TemplateContext context, DefaultMustacheFactory factory, String name, boolean encoded) {
      super(context, factory, name, encoded);
    }

    @Override
    public Writer execute(Writer writer, List<Object> scopes) {
      Object value = get(scopes);
      if (value == null || value.toString().isBlank()) {
        throw new MailTemplateException(
            "mail template " + tc.file() + " needs a value for '" + name + "'");
      }
      return super.execute(writer, scopes);
    }
  }
}
