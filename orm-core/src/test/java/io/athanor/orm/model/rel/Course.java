package io.athanor.orm.model.rel;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.OneToMany;
import java.util.ArrayList;
import java.util.List;

/** The other side of the many-to-many. */
@Entity
public class Course {
    @Id
    private Long id;
    private String title;
    @OneToMany(mappedBy = "course", orphanRemoval = true)
    private List<Enrollment> enrollments = new ArrayList<>();

    protected Course() {
    }

    public Course(String title) {
        this.title = title;
    }

    public String getTitle() {
        return title;
    }

    public List<Enrollment> getEnrollments() {
        return enrollments;
    }
}
