package io.athanor.orm.model.rel;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.OneToMany;
import java.util.ArrayList;
import java.util.List;

/** One side of a many-to-many, through {@link Enrollment}. */
@Entity
public class Student {
    @Id
    private Long id;
    private String name;
    @OneToMany(mappedBy = "student", orphanRemoval = true)
    private List<Enrollment> enrollments = new ArrayList<>();

    protected Student() {
    }

    public Student(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public List<Enrollment> getEnrollments() {
        return enrollments;
    }

    /** Enrolls in {@code course}: one association row. */
    public void enroll(Course course) {
        Enrollment e = new Enrollment(course);
        enrollments.add(e);
        course.getEnrollments().add(e);
    }
}
