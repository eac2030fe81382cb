/**
 * The natural-language analytics assistant: a deterministic, offline understanding engine that turns questions
 * into typed queries of the other modules, answers with their numbers, and keeps conversations per user.
 */
package io.atrium.assistant;
