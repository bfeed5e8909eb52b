package io.atrium.worker.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal SMTP server on the loopback that answers RCPT TO and the end of DATA with the replies
 * it is given, to play a server that refuses a message for good (5xx) or for now (4xx).
 */
final class ScriptedSmtpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final String recipientReply;
  private final String dataReply;
  private final Thread thread;

  ScriptedSmtpServer(String recipientReply, String dataReply) throws IOException {
    this.socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    this.recipientReply = recipientReply;
    this.dataReply = dataReply;
    this.thread = new Thread(this::serve, "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        connection.setSoTimeout(10_000);
        converse(connection);
      } catch (IOException e) {
        // closed, or the client went away: wait for the next one
      }
    }
  }

  private void converse(Socket connection) throws IOException {
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
    Writer out = new OutputStreamWriter(connection.getOutputStream(), StandardCharsets.US_ASCII);
    reply(out, "220 scripted ESMTP");
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
      switch (command) {
        case "EHLO", "HELO" -> reply(out, "250 scripted");
        case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
        case "RCPT" -> reply(out, recipientReply);
        case "DATA" -> {
          reply(out, "354 go ahead");
          for (String body = in.readLine(); body != null && !body.equals("."); ) {
            body = in.readLine();
          }
          reply(out, dataReply);
        }
        case "QUIT" -> {
          reply(out, "221 2.0.0 bye");
          return;
        }
        default -> reply(out, "502 5.5.2 not implemented");
      }
    }
  }

  private static void reply(Writer out, String line) throws IOException {
    out.write(line + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
