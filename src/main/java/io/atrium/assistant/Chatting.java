package io.atrium.assistant;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.atrium.goals.AiPreferences;
import io.atrium.shared.InvalidInput;
import io.atrium.shared.NotFound;

import org.springframework.stereotype.Service;

/**
 * One turn of a conversation: understand the question (with the conversation's last interpretation as context),
 * answer it from the other modules' typed reads, and keep the turn. Only the conversation's owner may continue it.
 */
@Service
class Chatting {

	private final Understanding understanding;

	private final Answering answering;

	private final LiveVocabulary vocabulary;

	private final Conversations conversations;

	private final AiPreferences preferences;

	private final AssistantSettings settings;

	private final LanguageModelLayer languageModel;

	private final java.time.Clock clock;

	Chatting(java.time.Clock clock, LanguageModelLayer languageModel, Answering answering, LiveVocabulary vocabulary, Conversations conversations,
			AiPreferences preferences, AssistantSettings settings) {
		this.understanding = new Understanding(clock);
		this.clock = clock;
		this.languageModel = languageModel;
		this.answering = answering;
		this.vocabulary = vocabulary;
		this.conversations = conversations;
		this.preferences = preferences;
		this.settings = settings;
	}

	/** Thrown when a conversation is unknown or belongs to someone else. */
	static final class ConversationNotFound extends NotFound {

		ConversationNotFound() {
			super("conversation-not-found", "No conversation with this id");
		}
	}

	ChatResponse chat(String owner, String query, String conversationId, String cursor, Locale locale) {
		String question = validQuery(query);
		UUID conversation = conversationId == null || conversationId.isBlank() ? null : id(conversationId);
		if (cursor != null && cursor.length() > 500) {
			throw InvalidInput.of("cursor", "is not a cursor from a previous answer");
		}
		Interpretation context = null;
		if (conversation != null) {
			if (!conversations.owns(conversation, owner)) {
				throw new ConversationNotFound();
			}
			context = conversations.lastInterpretation(conversation).orElse(null);
		}
		AiPreferences.Preferences prefs = preferences.current();
		Definitions definitions = settings.definitions(prefs.thresholds().highChurnRisk());
		Interpretation interpretation = understanding.understand(question, context, vocabulary.current(), definitions);
		boolean detailed = "detailed".equals(prefs.responseStyle());
		Answering.Reply reply = null;
		String answer = null;
		if ("unknown".equals(interpretation.intent()) && languageModel.enabled()) {
			Optional<LanguageModelLayer.ToolAnswer> viaTools = languageModel.answerFreeForm(question,
					LocalDate.now(clock),
					asked -> answering.answer(new Answering.Ask(asked, locale, detailed, definitions, null)));
			if (viaTools.isPresent()) {
				interpretation = viaTools.get().interpretation();
				reply = viaTools.get().reply();
				answer = viaTools.get().answer();
			}
		}
		if (reply == null) {
			reply = answering.answer(new Answering.Ask(interpretation, locale, detailed, definitions, cursor));
			answer = languageModel.rephrase(reply.answer(), locale);
		}
		conversation = conversations.record(conversation, owner,
				question.length() > 120 ? question.substring(0, 120) : question, question, interpretation, answer);
		return new ChatResponse(conversation, answer, interpretation, reply.data(), reply.chart(), reply.insights(),
				reply.recommendations());
	}

	private String validQuery(String query) {
		if (query == null || query.isBlank()) {
			throw InvalidInput.of("query", "must not be blank");
		}
		if (query.length() > settings.maxQueryLength()) {
			throw InvalidInput.of("query", "must be at most " + settings.maxQueryLength() + " characters");
		}
		if (query.indexOf('\0') >= 0) {
			throw InvalidInput.of("query", "must not contain NUL characters");
		}
		return query.strip();
	}

	static UUID id(String value) {
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of("conversation_id", "must be a conversation id from a previous answer");
		}
	}
}
