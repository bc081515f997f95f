package org.llmbench.results;

import com.google.gson.JsonParseException;
import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An endpoint session folder read back: endpoint.json and requests.csv (what the report needs). */
public record EndpointResults(Path folder, EndpointRunInfo info, List<RequestRecord> requests) {

    /** Whether a folder holds an endpoint run (its endpoint.json). */
    public static boolean isSession(Path folder) {
        return folder != null && Files.isRegularFile(folder.resolve(EndpointRunInfo.FILE));
    }

    public static EndpointResults read(Path folder) {
        Path infoFile = folder.resolve(EndpointRunInfo.FILE), csv = folder.resolve(RequestCsv.FILE);
        try {
            EndpointRunInfo info = EndpointJson.GSON.fromJson(Files.readString(infoFile, StandardCharsets.UTF_8), EndpointRunInfo.class);
            if (info == null || !EndpointRunInfo.KIND.equals(info.kind()) || info.summaries() == null || info.settings() == null) {
                throw new LlmbenchException(infoFile + " is not an endpoint run description (kind \"endpoint\" with settings and summaries).");
            }
            List<RequestRecord> requests = Files.isRegularFile(csv) ? RequestCsv.read(Files.readString(csv, StandardCharsets.UTF_8), csv.toString()) : List.of();
            return new EndpointResults(folder, info, requests);
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read " + folder + ": " + e.getMessage());
        } catch (JsonParseException | IllegalStateException e) {
            throw new LlmbenchException(infoFile + " is not valid JSON of an endpoint run (" + e.getMessage() + ").");
        }
    }

    /** Measured (not warm-up) requests. */
    public List<RequestRecord> measured() {
        return requests.stream().filter(r -> !r.warmup()).toList();
    }
}
