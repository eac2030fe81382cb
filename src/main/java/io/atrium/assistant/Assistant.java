package io.atrium.assistant;

import java.util.Locale;

import org.springframework.stereotype.Service;

/**
 * The assistant for other modules (the dashboard): ask a question as a signed-in person, optionally continuing one
 * of their conversations. The same rules as {@code POST /api/chat/chat}: a blank, too long or NUL-carrying question
 * or a malformed conversation id is {@link io.atrium.shared.InvalidInput}; someone else's conversation is
 * {@link io.atrium.shared.NotFound}.
 */
@Service
public class Assistant {

	private final Chatting chatting;

	Assistant(Chatting chatting) {
		this.chatting = chatting;
	}

	/**
	 * @param user the signed-in person's name (conversations are theirs only)
	 * @param question the question
	 * @param conversationId a conversation of theirs to continue, or {@code null} to start one
	 * @param locale the language of the answer
	 */
	public ChatResponse ask(String user, String question, String conversationId, Locale locale) {
		return chatting.chat(user, question, conversationId, null, locale);
	}
}
