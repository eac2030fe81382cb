package io.atrium.assistant;

import java.security.Principal;
import java.util.Map;

import io.atrium.shared.Limit;
import io.atrium.shared.Page;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/chat/chat} (ask a question, optionally in a conversation), {@code GET /api/chat/conversations}
 * and {@code GET /api/chat/conversations/{id}} (the caller's own conversations only).
 */
@RestController
class ChatController {

	private final Chatting chatting;

	private final Conversations conversations;

	ChatController(Chatting chatting, Conversations conversations) {
		this.chatting = chatting;
		this.conversations = conversations;
	}

	/**
	 * @param query the question, 1 to {@code atrium.assistant.max-query-length} characters
	 * @param conversationId a conversation to continue, or {@code null} to start one
	 * @param cursor the {@code data.next_cursor} of the previous answer to the same question, or {@code null}
	 */
	record ChatRequest(String query, String conversationId, String cursor) {
	}

	@PostMapping(path = "/api/chat/chat", consumes = MediaType.APPLICATION_JSON_VALUE)
	ChatResponse chat(@RequestBody ChatRequest request, Principal principal) {
		return chatting.chat(principal.getName(), request.query(), request.conversationId(), request.cursor(),
				LocaleContextHolder.getLocale());
	}

	@GetMapping("/api/chat/conversations")
	Map<String, Object> list(@RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit, Principal principal) {
		Page<Conversations.Summary> page = conversations.list(principal.getName(), cursor, Limit.of(limit));
		java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("items", page.items());
		body.put("next_cursor", page.nextCursor());
		return body;
	}

	@GetMapping("/api/chat/conversations/{id}")
	Conversations.Conversation conversation(@PathVariable String id, Principal principal) {
		return conversations.find(Chatting.id(id), principal.getName()).orElseThrow(Chatting.ConversationNotFound::new);
	}
}
