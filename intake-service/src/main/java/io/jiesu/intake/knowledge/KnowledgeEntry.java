package io.jiesu.intake.knowledge;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One entry of the knowledge base used for direct answers (直接答复). */
@Entity
@Table(name = "knowledge_entry")
public class KnowledgeEntry extends PanacheEntityBase {
    @Id
    public String id;
    public String question;
    /** Comma-separated; a consultation matches when its content holds every one. */
    public String keywords;
    public String answer;
    @Column(name = "category_code")
    public String categoryCode;
    public boolean active;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Comma-separated keywords as a list, blanks left out. */
    public static List<String> keywordList(String keywords) {
        return Arrays.stream(keywords.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
    }
}
