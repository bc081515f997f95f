package org.llmbench.results;

import com.google.gson.JsonParseException;
import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A conversation session folder read back: conversation.json and turns.json. */
public record ConversationResults(Path folder, ConversationRunInfo info, List<TurnRecord> turns) {
    public static final String TURNS_JSON = "turns.json";

    public static boolean isSession(Path folder) {
        return folder != null && Files.isRegularFile(folder.resolve(ConversationRunInfo.FILE));
    }

    public static ConversationResults read(Path folder) {
        Path infoFile = folder.resolve(ConversationRunInfo.FILE), turnsFile = folder.resolve(TURNS_JSON);
        try {
            ConversationRunInfo info = EndpointJson.GSON.fromJson(Files.readString(infoFile, StandardCharsets.UTF_8), ConversationRunInfo.class);
            if (info == null || !ConversationRunInfo.KIND.equals(info.kind()) || info.configurations() == null || info.summaries() == null) {
                throw new LlmbenchException(infoFile + " is not a conversation run description (kind \"conversation\" with configurations and summaries).");
            }
            TurnRecord[] turns = Files.isRegularFile(turnsFile)
                    ? EndpointJson.GSON.fromJson(Files.readString(turnsFile, StandardCharsets.UTF_8), TurnRecord[].class) : new TurnRecord[0];
            return new ConversationResults(folder, info, turns == null ? List.of() : Arrays.asList(turns));
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read " + folder + ": " + e.getMessage());
        } catch (JsonParseException | IllegalStateException e) {
            throw new LlmbenchException(infoFile + " or " + turnsFile.getFileName() + " is not valid JSON of a conversation run (" + e.getMessage() + ").");
        }
    }
}
