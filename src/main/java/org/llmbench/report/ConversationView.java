package org.llmbench.report;

import org.llmbench.results.ConversationResults;
import org.llmbench.results.ConversationRunInfo;
import org.llmbench.results.ConversationSummary;
import org.llmbench.results.TurnRecord;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One conversation run as the report reads it: configurations and conversations in run order, turns by configuration × conversation × run. */
final class ConversationView {
    final ConversationResults run;

    ConversationView(ConversationResults run) {
        this.run = run;
    }

    ConversationRunInfo info() {
        return run.info();
    }

    List<String> configurations() {
        return info().configurations().stream().map(ConversationRunInfo.ConfigurationInfo::name).toList();
    }

    /** Conversations that ran somewhere, in the order they first ran. */
    List<String> conversations() {
        List<String> out = new ArrayList<>();
        for (TurnRecord t : run.turns()) if (!out.contains(t.conversation())) out.add(t.conversation());
        return out;
    }

    List<String> runs() {
        return info().runs();
    }

    List<TurnRecord> turns(String configuration, String conversation, String runKind) {
        return run.turns().stream().filter(t -> t.configuration().equals(configuration) && t.conversation().equals(conversation) && t.run().equals(runKind)).toList();
    }

    Optional<TurnRecord> turn(String configuration, String conversation, String runKind, int turn) {
        return turns(configuration, conversation, runKind).stream().filter(t -> t.turn() == turn).findFirst();
    }

    Optional<ConversationSummary> summary(String configuration, String conversation, String runKind) {
        return info().summaries().stream().filter(s -> s.configuration().equals(configuration) && s.conversation().equals(conversation)
                && s.run().equals(runKind)).findFirst();
    }

    /** The events before each turn of a conversation ("" where none), from any of its runs. */
    String events(String conversation) {
        List<String> e = new ArrayList<>();
        run.turns().stream().filter(t -> t.conversation().equals(conversation) && !t.event().isEmpty()).map(t -> t.event() + " before turn " + t.turn())
                .distinct().forEach(e::add);
        return String.join("; ", e);
    }

    Color color(String configuration) {
        return EndpointCharts.palette(Math.max(0, configurations().indexOf(configuration)));
    }
}
